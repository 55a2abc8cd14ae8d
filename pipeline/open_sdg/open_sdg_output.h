// Open SDG's input files, written beside the SDMX messages of a DSD-mapped
// conversion: for each indicator the data CSV (data/indicator_<id>.csv: Year, the
// disaggregation columns, the SDMX attribute columns sdg-build keeps, Value) and
// the metadata file (meta/<id>.md, YAML front matter) carrying the citizen
// statement and a "Non-official" source classification until the NSO validates.
// The formats are those of sdg-build's InputCsvData and InputYamlMdMeta.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "mappings/dsd_plan.h"
#include "pipeline/message_set.h"
#include "pipeline/open_sdg/open_sdg_metadata.h"
#include "sdmx/data_writer.h"

namespace csdmx::mapping {

class OpenSdgOutput {
public:
    // Files are named <folder>/data/indicator_<id>.csv and <folder>/meta/<id>.md.
    OpenSdgOutput(const DsdPlan& plan, std::string folder);

    // One observation as the SDMX messages have it (key in plan order).
    void add(const sdmx::Observation& observation);

    // Writes every indicator's files through `messages`, so they land with the
    // messages or not at all. Returns the ids of the indicators written.
    std::vector<std::string> write(MessageSet& messages, const OpenSdgFacts& facts) const;

private:
    struct Row {
        std::string year, value;
        std::vector<std::string> cells;  // one per column_ids_
    };
    std::string indicator_of(const std::string& series) const;
    std::string unit_names(const std::string& indicator) const;

    const DsdPlan& plan_;
    std::string folder_;
    std::size_t series_position_ = 0, time_position_ = 0;
    bool has_series_ = false;
    // The columns between Year and Value: dimensions (disaggregations) first, then attributes.
    std::vector<std::string> column_ids_;
    std::vector<int> key_position_;                 // per column: index in the key, or -1
    std::vector<int> attribute_position_;           // per column: index in the attributes, or -1
    std::map<std::string, std::vector<Row>> rows_;  // indicator id -> rows
    // UNIT_MEASURE: its index among the attributes (-1 when unmapped) and the codes
    // each indicator's rows use, for the metadata's computation_units.
    int unit_position_ = -1;
    std::map<std::string, std::set<std::string>> units_;
    std::map<std::string, std::string> indicator_by_series_;
};

}  // namespace csdmx::mapping
