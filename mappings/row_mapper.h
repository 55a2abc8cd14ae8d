// Turns CSV records into SDMX observations following a TablePlan: one observation
// per measure column per row (the table goes from wide to long), with codes
// assigned to dimension values as they appear.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "mappings/table_plan.h"
#include "package/csv_reader.h"
#include "sdmx/data_writer.h"
#include "sdmx/ids.h"

namespace csdmx::mapping {

struct MappingStatistics {
    std::uint64_t rows = 0;
    std::uint64_t observations = 0;
    std::uint64_t missing_values = 0;  // measure cells that were missing, so no observation
};

class RowMapper {
public:
    RowMapper(const package::Resource& resource, const TablePlan& plan, std::string file);

    // Matches the header to the schema's fields (by name). False when unusable.
    bool bind_header(const package::CsvRecord& header, Diagnostics& diagnostics);
    // Uses the schema's field order when the file has no header row.
    void bind_by_position();

    // Receives each observation with the line of the row it came from.
    using Emit = std::function<void(const sdmx::Observation&, std::uint64_t line)>;
    // Maps one data record. Returns false (and adds errors) when the row is bad.
    bool map(const package::CsvRecord& record, Diagnostics& diagnostics, const Emit& emit);

    const sdmx::ObservationLayout& layout() const { return layout_; }
    const MappingStatistics& statistics() const { return statistics_; }

    // What was seen, for building codelists after the data pass.
    const std::set<char>& frequencies() const { return frequencies_; }
    const std::vector<const PlannedColumn*>& dimension_columns() const { return dimensions_; }
    const sdmx::CodeAssigner& codes_of(std::size_t dimension_position) const {
        return dimension_codes_[dimension_position];
    }
    const std::vector<const PlannedColumn*>& measure_columns() const { return measures_; }
    const std::vector<const PlannedColumn*>& attribute_columns() const { return attributes_; }

private:
    bool cell(const package::CsvRecord& record, std::size_t field_index, Diagnostics& diagnostics, std::string& value,
              bool& missing);

    const package::Resource& resource_;
    const TablePlan& plan_;
    std::string file_;
    std::vector<int> record_position_;  // per field: position in the record, -1 when absent
    std::size_t expected_fields_ = 0;
    std::vector<const PlannedColumn*> dimensions_, measures_, attributes_;
    const PlannedColumn* time_ = nullptr;
    std::vector<sdmx::CodeAssigner> dimension_codes_;
    std::set<char> frequencies_;
    sdmx::ObservationLayout layout_;
    sdmx::Observation observation_;
    std::vector<std::string> dimension_values_;
    std::vector<std::string> measure_scratch_;
    std::vector<char> measure_missing_;
    std::string scratch_;
    MappingStatistics statistics_;
};

}  // namespace csdmx::mapping
