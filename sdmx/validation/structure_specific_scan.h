// A streaming check of the data bodies of SDMX-ML 2.1 structure-specific messages
// (the Series and Obs elements of each DataSet) at memory speed, deciding exactly
// what the DSD-specific schema (ml21::write_dsd_schema) and the DSD rules
// (data_conformance.h) say about them: which XML attributes each element takes,
// which are required, their values' types and codes, mandatory attributes.
//
// It only ever says "valid" when it is sure: anything it does not decide itself
// (comments, annotations, entities beyond the predefined ones, unusual time
// periods or numbers, DSDs with faceted text formats, ...) and every error make it
// say "not decided", and the caller runs the reference validation (Xerces-C with
// the generated schema, then the DSD rules) on the whole message, which also
// locates and words the errors. What is outside the bodies (the envelope, the
// header, the DataSet elements themselves) is handed back as a small "skeleton"
// document for Xerces to validate.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/string_hash.h"
#include "sdmx/ml21/dsd_schema_writer.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::sdmx {

// The value types the scan decides exactly, named after the schema types they stand for.
enum class ScanValueType {
    any_string,   // xs:string without facets
    code,         // an enumeration of a codelist's codes
    xs_double,    // xs:double, xs:float
    xs_decimal,   // xs:decimal
    xs_integer,   // xs:integer, xs:int, xs:long, xs:short (with their ranges)
    xs_boolean,   // xs:boolean
    time_period,  // common:ObservationalTimePeriodType
};

struct ScanComponent {
    std::string id;
    ScanValueType type = ScanValueType::any_string;
    std::unordered_set<std::string, StringHash, StringEqual> codes;  // ScanValueType::code
    long long min_integer = 0, max_integer = 0;                      // xs_integer ranges (0, 0: unbounded)
    bool single_precision = false;                                   // xs:float
    bool required = false;         // a dimension or TIME_PERIOD: the schema requires it
    int mandatory_bit = -1;        // a mandatory attribute: its bit in the presence masks
    bool numeric_measure = false;  // the DSD rule "expected a number" applies
};

class StructureSpecificScan {
public:
    // The plan for a DSD at an observation level, or nullopt when its schema has
    // something the scan does not decide exactly (then Xerces validates alone).
    static std::optional<StructureSpecificScan> plan(const DataStructure& dsd, const StructureSet& structures,
                                                     ml21::ObservationLevel level);

    // Streams `file`: true when every data body is valid, `skeleton` then being the
    // message without them (for the envelope's schema validation). False when the
    // scan found an error or something it does not decide; `reason` says which.
    bool scan(const std::filesystem::path& file, std::string& skeleton, std::string& reason) const;

    const std::vector<ScanComponent>& series_components() const { return series_; }
    const std::vector<ScanComponent>& observation_components() const { return observation_; }

private:
    bool flat_ = true;
    std::vector<ScanComponent> series_;       // time series: the Series element's XML attributes
    std::vector<ScanComponent> observation_;  // the Obs element's
    std::vector<std::string> mandatory_dataset_attributes_;
    std::uint64_t mandatory_mask_ = 0;
};

}  // namespace csdmx::sdmx
