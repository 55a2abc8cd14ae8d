// Reads SDMX-ML 2.1 and 3.0 structure messages (the version from the root
// element's namespace): codelists, concept schemes, DSDs, dataflows, data provider
// schemes, provision agreements and content constraints (2.1 ContentConstraint,
// 3.0 DataConstraint). Agency schemes and the rest are passed over.
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
