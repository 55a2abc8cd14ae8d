// The maintainable artefacts in an SDMX-ML structure message (2.1 or 3.0), as a
// registry's REST resources name them: what a push will submit, shown before and
// used to address single artefacts (PUT, DELETE).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace csdmx::registry {

struct StructureArtefact {
    std::string element;   // the SDMX-ML element, e.g. Codelist
    std::string resource;  // the REST resource, e.g. codelist
    std::string agency, id, version;
    // structure/{resource}/{agency}/{id}/{version}
    std::string rest_path() const;
};

// Throws InputError for malformed XML (naming file, line and column).
std::vector<StructureArtefact> list_structure_artefacts(const std::filesystem::path& file);

}  // namespace csdmx::registry
