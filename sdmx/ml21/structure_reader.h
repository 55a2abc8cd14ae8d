// Reads SDMX-ML 2.1 structure messages: codelists, concept schemes, DSDs,
// dataflows, data provider schemes and provision agreements.
//
// The file is read with the streaming reader one maintainable artefact at a time,
// so memory is bounded by the largest artefact, not by the file.
#pragma once

#include <filesystem>
#include <string_view>

#include "sdmx/model/structure_set.h"

namespace csdmx::sdmx::ml21 {

StructureSet read_structure_file(const std::filesystem::path& path);
// `name` appears in error messages in place of a file name.
StructureSet read_structure_memory(std::string_view bytes, const std::string& name);

}  // namespace csdmx::sdmx::ml21
