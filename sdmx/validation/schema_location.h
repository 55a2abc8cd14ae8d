// Finds the official SDMX-ML XML Schemas on this machine. They are never bundled:
// users point at their copy with --schemas DIR or CITIZEN_SDMX_SCHEMAS.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace csdmx::sdmx {

// Returns the folder holding SDMXMessage.xsd of the wanted version ("2.1").
// `option` may name that folder or its parent (holding 2.1/ and 3.0/). Without an
// option, CITIZEN_SDMX_SCHEMAS and then the build's default are tried. Throws
// EnvironmentError listing where it looked and how to get the schemas.
std::filesystem::path locate_schemas(const std::optional<std::filesystem::path>& option,
                                     const std::string& version = "2.1");

}  // namespace csdmx::sdmx
