// The Copenhagen Framework codelists (participation ladder, value-chain stages,
// initiative and producer types, validation results), loaded from a file so an
// NSO can adapt names, languages and codes. The shipped file is embedded as the default.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "sdmx/model/structure_set.h"

namespace csdmx::mapping {

// Annotation types in the codelist file that encode the framework's rules.
inline constexpr const char* kSufficientLevelAnnotation = "CITIZEN_DATA_SUFFICIENT";
inline constexpr const char* kQualifyingStageAnnotation = "CITIZEN_DATA_QUALIFYING_STAGE";
inline constexpr const char* kOfficialUseAnnotation = "CITIZEN_DATA_OFFICIAL_USE";

// Code ids of CL_CITIZEN_DATA_STATUS the converter sets; their names are data.
inline constexpr const char* kQualifiesCode = "QUALIFIES";
inline constexpr const char* kDoesNotQualifyCode = "DOES_NOT_QUALIFY";
// The CL_VALIDATION_RESULT code for "no decision yet": the only result that needs no `by` and `date`,
// so a CSO can write {"result": "PENDING"} without inventing the NSO's decision.
inline constexpr const char* kPendingValidationCode = "PENDING";

struct CitizenCodelists {
    sdmx::Codelist participation_levels;  // CL_PARTICIPATION_LEVEL
    sdmx::Codelist stages;                // CL_VALUE_CHAIN_STAGE
    sdmx::Codelist initiative_types;      // CL_INITIATIVE_TYPE
    sdmx::Codelist producer_types;        // CL_PRODUCER_TYPE
    sdmx::Codelist validation_results;    // CL_VALIDATION_RESULT
    sdmx::Codelist citizen_data_status;   // CL_CITIZEN_DATA_STATUS
    std::string source;                   // the file read, or "embedded default"

    bool is_sufficient_level(const std::string& level) const;
    bool is_qualifying_stage(const std::string& stage) const;
    bool clears_for_official_use(const std::string& result) const;
};

// Reads the codelists from `file`, or from the embedded default when empty.
// Throws InputError naming the file and the codelist or code that is missing.
CitizenCodelists load_citizen_codelists(const std::optional<std::filesystem::path>& file);

// Where the codelists come from when nothing is given: CITIZEN_SDMX_CODELISTS, else embedded.
std::optional<std::filesystem::path> default_codelists_file();

}  // namespace csdmx::mapping
