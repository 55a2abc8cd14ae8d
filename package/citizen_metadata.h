// The citizen_data block of a package, read into plain fields.
//
// Structural checks come from the JSON Schema in docs/schemas; checks of codes
// against the shipped codelists live in mappings/ (citizen_checks), because the
// codelists are data an NSO may replace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "package/data_package.h"

namespace csdmx::package {

struct CitizenMetadata {
    struct Producer {
        std::string id, name, type, url, contact;
    } producer;
    std::string initiative_type;
    // Stage code -> level code, in the order written in the package.
    std::vector<std::pair<std::string, std::string>> participation;
    std::string purpose;
    std::vector<std::string> target_indicators;
    struct Method {
        std::string description, instrument, documentation_url;
    } method;
    struct Sample {
        std::string description, unit;
        std::optional<std::int64_t> size;
    } sample;
    struct Coverage {
        std::string population, area, area_code, period_start, period_end;
    } coverage;
    struct Consent {
        std::string basis, description;
    } consent;
    struct Licence {
        std::string name, url;
    } licence;
    std::int64_t disclosure_threshold = 0;
    struct Validation {
        std::string by, date, result, criteria, report_url;
    } validation;
    struct SdmxNaming {
        std::string agency, dataflow, version, name;
    } sdmx;

    // The participation level given for a stage, or nullptr.
    const std::string* level_of(const std::string& stage) const;
};

// The JSON Schema the code enforces (docs/schemas/citizen-data-1.0.schema.json, embedded).
const nlohmann::json& citizen_data_schema();

// Checks citizen_data against the schema and reads it. Every problem is added to
// `diagnostics` (file = the descriptor, path = citizen_data.*). Fields that failed
// their check are left empty.
CitizenMetadata read_citizen_metadata(const DataPackage& package, Diagnostics& diagnostics);

}  // namespace csdmx::package
