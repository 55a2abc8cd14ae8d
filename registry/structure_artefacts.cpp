#include "registry/structure_artefacts.h"

#include "core/ascii.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::registry {

namespace {

StructureArtefact artefact_at(const sdmx::XmlReader& reader) {
    StructureArtefact artefact;
    artefact.element = std::string(reader.local_name());
    artefact.resource = ascii_lower(artefact.element);
    artefact.agency = reader.attribute("agencyID").value_or("");
    artefact.id = reader.attribute("id").value_or("");
    artefact.version = reader.attribute("version").value_or("1.0");
    return artefact;
}

}  // namespace

std::string StructureArtefact::rest_path() const {
    return "structure/" + resource + "/" + agency + "/" + id + "/" + version;
}

std::vector<StructureArtefact> list_structure_artefacts(const std::filesystem::path& file) {
    auto reader = sdmx::XmlReader::open_file(file);
    std::vector<StructureArtefact> artefacts;
    // Structure > Structures > (Codelists | DataStructures | ...) > the maintainables,
    // each skipped whole once named, so a large codelist costs no memory.
    int structures_depth = -1;
    bool more = reader.read();
    while (more) {
        if (reader.is_element() && structures_depth < 0 && reader.local_name() == "Structures") {
            structures_depth = reader.depth();
        } else if (reader.is_element() && structures_depth >= 0 && reader.depth() == structures_depth + 2) {
            artefacts.push_back(artefact_at(reader));
            more = reader.skip();
            continue;
        }
        more = reader.read();
    }
    return artefacts;
}

}  // namespace csdmx::registry
