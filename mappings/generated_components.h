// What a generated DSD is made of, as the producer of the observations saw it:
// the table mapper (columns as they are) or the tabulator (statistics of records).
// build_generated_structures() turns it into codelists, concepts and the DSD.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sdmx/model/annotation.h"

namespace csdmx::mapping {

// Component ids the generated DSD reserves for itself.
inline constexpr const char* kFrequencyId = "FREQ";
inline constexpr const char* kIndicatorId = "INDICATOR";
inline constexpr const char* kTimePeriodId = "TIME_PERIOD";
inline constexpr const char* kObsValueId = "OBS_VALUE";
inline constexpr const char* kUnitMeasureId = "UNIT_MEASURE";

using CodeNames = std::vector<std::pair<std::string, std::string>>;  // code, name (first name wins)

struct CodedComponent {
    std::string id;
    sdmx::InternationalString name;
    sdmx::InternationalString description;
    CodeNames codes;
};

// An observation-level attribute: coded when `codes` is set, else of `text_type`.
struct GeneratedAttribute {
    std::string id;
    sdmx::InternationalString name;
    sdmx::InternationalString description;
    std::optional<CodeNames> codes;
    std::string text_type = "String";
    bool mandatory = false;
};

struct GeneratedComponents {
    std::set<char> frequencies;
    CodedComponent indicator;                    // the INDICATOR dimension: what is measured
    std::vector<CodedComponent> dimensions;      // between INDICATOR and TIME_PERIOD, in key order
    std::vector<GeneratedAttribute> attributes;  // observation-level, in the observations' order
    std::string origin;                          // for the DSD's name: "from the Table Schema", ...
};

}  // namespace csdmx::mapping
