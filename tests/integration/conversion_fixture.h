// Converting packages in tests and reading what was written.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/diagnostic.h"
#include "pipeline/converter.h"
#include "sdmx/model/structure_set.h"
#include "sdmx/read_observation.h"

namespace csdmx::test {

struct Conversion {
    bool ok = false;
    Diagnostics diagnostics;
    mapping::ConvertOutcome outcome;
    std::string listing() const;  // all diagnostics, for failure messages
};

// Both SDMX-ML 2.1 data messages: what most tests read back.
mapping::ConvertOptions ml21_messages();

Conversion convert(const std::filesystem::path& descriptor, const std::filesystem::path& output,
                   const mapping::PrepareOptions& options = {},
                   const mapping::ConvertOptions& convert_options = ml21_messages());

// The output file ending with `suffix` (e.g. "-structure.xml").
std::filesystem::path output_ending(const Conversion& conversion, const std::string& suffix);

// Observations of a data message as "DIM=name|DIM=name|...=value" lines, with each
// coded value replaced by its code's name from the structure message, so they can be
// compared with the source table's own text.
std::multiset<std::string> observations_by_name(const std::filesystem::path& data,
                                                const sdmx::StructureSet& structures);

// A data message's observations by key, "FREQ=A|INDICATOR=X|SEX=F|TIME_PERIOD=2024"
// (codes, in the DSD's dimension order), for checking tabulated values one by one.
struct ReadCell {
    std::string value;  // "(none)" when the observation has no value
    std::map<std::string, std::string> attributes;
};
std::map<std::string, ReadCell> observations_by_key(const std::filesystem::path& data,
                                                    const sdmx::StructureSet& structures);
// The key above for one observation, and adding it to such a map (a key twice fails the test).
std::string cell_key(const sdmx::DataStructure& dsd, const sdmx::ReadObservation& observation);
void add_cell(std::map<std::string, ReadCell>& cells, const sdmx::DataStructure& dsd,
              const sdmx::ReadObservation& observation);

// Validates every SDMX-ML output of the conversion against the official schemas
// under <shared>/sdmx/schemas; failures are listed. (format_checks.h checks the rest.)
void expect_outputs_valid(const Conversion& conversion, const std::filesystem::path& shared);

}  // namespace csdmx::test
