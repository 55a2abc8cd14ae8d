// One observation as a data message reader hands it over, whatever the format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace csdmx::sdmx {

using ComponentValues = std::vector<std::pair<std::string, std::string>>;

struct ReadObservation {
    ComponentValues key;  // dimension values, series and observation level together
    std::optional<std::string> value;
    ComponentValues attributes;  // series- and observation-level attributes
    ComponentValues unknown;     // values that are no component of the DSD
    std::uint64_t line = 0;
};

}  // namespace csdmx::sdmx
