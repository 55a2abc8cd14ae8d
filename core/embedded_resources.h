// Files compiled into the library (the citizen_data JSON Schema, the shipped
// codelists), so the converter works on its embedded defaults with no install tree.
#pragma once

#include <optional>
#include <string_view>

namespace csdmx {

// `name` is the path relative to the repository root, e.g.
// "mappings/codelists/citizen-data-codelists.xml".
std::optional<std::string_view> embedded_resource(std::string_view name);

}  // namespace csdmx
