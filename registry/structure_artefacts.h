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
    std::string resource;  // the SDMX REST v2 type, e.g. codelist, dataconstraint
    std::string agency, id, version;
    std::size_t line = 0;  // of the element in its file
    // structure/{resource}/{agency}/{id}/{version}, every segment percent-encoded.
    std::string rest_path() const;
};

// The SDMX REST v2 artefact type of an SDMX-ML 2.1 or 3.0 element name
// (../shared/sdmx/specs/rest/v2/structures.md): mostly the name in lower case,
// but ContentConstraint is a dataconstraint and HierarchicalCodelist a hierarchy.
std::string rest_resource(const std::string& element);

// Reads the artefacts, refusing (InputError naming file, line and column) XML
// that is not well-formed to its end and ids that are not SDMX ids (IDType for
// ids, NestedNCNameIDType for agencies, a dotted version): nothing unchecked ever
// reaches a request line.
std::vector<StructureArtefact> list_structure_artefacts(const std::filesystem::path& file);

// The artefacts in an order a registry can delete them in: those that reference
// others (provision agreements, constraints, categorisations, dataflows) before
// those they reference (structures, concept schemes, codelists, ...). A
// conforming server answers 409 to deleting an artefact still referenced
// (../shared/sdmx/specs/rest/v2/maintenance.md, DELETE).
std::vector<StructureArtefact> deletion_order(std::vector<StructureArtefact> artefacts);

}  // namespace csdmx::registry
