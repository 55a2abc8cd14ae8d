// Named output profiles: what the messages leave where, for the readers that
// cannot read everything the standard allows (docs/formats.md, "Readers").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sdmx/data_writer.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::sdmx {

enum class OutputProfile {
    standard,  // everything where SDMX puts it (the default)
    // For sdmx1 (2.26), which fails on Annotations and DataProvider inside DataSet
    // and Series: data messages carry neither; the data set's annotations move to
    // the provision agreement of the structure message written beside them, which
    // already names the data provider. Nothing is dropped.
    sdmx1,
};

std::optional<OutputProfile> parse_output_profile(std::string_view name);
std::string_view profile_name(OutputProfile profile);
std::string output_profile_names();  // "standard, sdmx1"

// What the profile takes out of the data set description (`dataset` is changed)
// and has to go into the structure message instead.
struct MovedToStructures {
    Annotations annotations;
};
MovedToStructures apply_profile(OutputProfile profile, DataSetDescription& dataset);

// Adds what was moved to the provision agreements of `structures` (to the dataflows
// when there is none), each annotation once.
void receive_moved(const MovedToStructures& moved, StructureSet& structures);

}  // namespace csdmx::sdmx
