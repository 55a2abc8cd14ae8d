// Checks a JSON document against a JSON Schema (with valijson) and reports every
// violation at once, each with its JSON path and what the schema expected there.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/diagnostic.h"

namespace csdmx::package {

// `base_path` is the path of `instance` inside its file, e.g. "citizen_data".
// Expectations are taken from the "description" of the schema node at the
// failing path, so the schema file doubles as the source of the error texts.
void check_against_schema(const nlohmann::json& instance, const nlohmann::json& schema, const std::string& file,
                          const std::string& base_path, Diagnostics& diagnostics);

}  // namespace csdmx::package
