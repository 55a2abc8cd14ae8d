// `citizen-sdmx init`: writes a datapackage.json for data files as they are,
// inferring what can be inferred (encoding, dialect, header rows, field types and
// date formats, missing-value markers, select_multiple questions, survey-tool meta
// columns) and leaving TODO markers, never guesses, for the Copenhagen Framework
// metadata only people can give. `check` refuses the package until they are filled.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/diagnostic.h"

namespace csdmx::package {

// The descriptor for `files`, all inside the folder of `descriptor` (paths are
// written relative to it), its members in the order people read them. What was
// inferred and what needs a look are added to `diagnostics` as notes and warnings.
nlohmann::ordered_json infer_package(const std::vector<std::filesystem::path>& files,
                                     const std::filesystem::path& descriptor, Diagnostics& diagnostics);

// The citizen_data block with a TODO marker in every place a person must fill.
nlohmann::ordered_json citizen_data_template();

// Paths of citizen_data whose value still starts with "TODO".
std::vector<std::string> todo_paths(const nlohmann::json& citizen_data);

}  // namespace csdmx::package
