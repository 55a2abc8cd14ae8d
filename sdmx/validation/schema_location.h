// Finds the official SDMX-ML XML Schemas on this machine. They are never bundled:
// users install them with `citizen-sdmx schemas install` (into the folder that
// user_schema_root() names), or point at their copy with --schemas DIR or
// CITIZEN_SDMX_SCHEMAS.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace csdmx::sdmx {

// Returns the folder holding SDMXMessage.xsd of the wanted version ("2.1").
// `option` may name that folder or its parent (holding 2.1/ and 3.0/). Without an
// option: CITIZEN_SDMX_SCHEMAS when set; else the installed schemas
// (user_schema_root(), then system_schema_roots()); else, for the library the
// build wrote and nothing installed from it, the build's default. Throws
// EnvironmentError listing where it looked and how to get the schemas.
std::filesystem::path locate_schemas(const std::optional<std::filesystem::path>& option,
                                     const std::string& version = "2.1");

// Where `schemas install` puts schemas for this user: $XDG_DATA_HOME/citizen-sdmx/schemas,
// else ~/.local/share/citizen-sdmx/schemas (XDG Base Directory specification).
// Throws EnvironmentError when neither XDG_DATA_HOME nor HOME is set.
std::filesystem::path user_schema_root();

// Schemas installed for everyone: citizen-sdmx/schemas under each folder of
// $XDG_DATA_DIRS (default /usr/local/share:/usr/share), in that order.
std::vector<std::filesystem::path> system_schema_roots();

}  // namespace csdmx::sdmx
