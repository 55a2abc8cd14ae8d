// Checks a data message against its DSD beyond what an XML Schema can say:
// codes in their codelists (generic data), mandatory attributes present at their
// attachment level, no components the DSD does not define. Streams the message.
#pragma once

#include <filesystem>

#include "core/diagnostic.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::sdmx {

struct ConformanceOptions {
    bool check_codes = true;
    // Structure-specific messages have unknown components refused by the
    // DSD-specific schema already; checking again would report them twice.
    bool check_unknown_components = true;
};

// Adds one error per problem, with the line of the observation or data set.
// Code errors start with "<component>: code " so callers can recognise them.
void check_data_conformance(const std::filesystem::path& file, const DataStructure& dsd, const StructureSet& structures,
                            const ConformanceOptions& options, Diagnostics& diagnostics);

}  // namespace csdmx::sdmx
