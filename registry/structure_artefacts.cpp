#include "registry/structure_artefacts.h"

#include <algorithm>
#include <map>
#include <regex>

#include "core/ascii.h"
#include "core/diagnostic.h"
#include "registry/url.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::registry {

namespace {

// The patterns of the SDMX common schema (SDMXCommonReferences.xsd): IDType,
// NestedNCNameIDType, and a version in its 2.1 (dotted numbers) or 3.0 (semantic,
// with an extension) form.
const std::regex& id_pattern() {
    static const std::regex pattern("[A-Za-z0-9_@$\\-]+");
    return pattern;
}
const std::regex& agency_pattern() {
    static const std::regex pattern("[A-Za-z][A-Za-z0-9_\\-]*(\\.[A-Za-z][A-Za-z0-9_\\-]*)*");
    return pattern;
}
const std::regex& version_pattern() {
    static const std::regex pattern("[0-9]+(\\.[0-9]+)*(-[0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*)?");
    return pattern;
}

void check_id(const sdmx::XmlReader& reader, const std::string& element, const char* what, const std::string& value,
              const std::regex& pattern, const char* expected) {
    if (std::regex_match(value, pattern)) return;
    std::string shown;
    for (const unsigned char c : value.substr(0, 80)) {
        if (c < 0x20 || c == 0x7F) {
            static const char* digits = "0123456789ABCDEF";
            shown += "\\x";
            shown += digits[c >> 4U];
            shown += digits[c & 15U];
        } else {
            shown += static_cast<char>(c);
        }
    }
    throw InputError(reader.file(), static_cast<std::uint64_t>(std::max(reader.line(), 0)), 0,
                     element + " " + what + " \"" + shown + "\" is not an SDMX " + what + " (expected " + expected +
                         "): refused before anything is sent");
}

StructureArtefact artefact_at(const sdmx::XmlReader& reader) {
    StructureArtefact artefact;
    artefact.element = std::string(reader.local_name());
    artefact.resource = rest_resource(artefact.element);
    artefact.agency = reader.attribute("agencyID").value_or("");
    artefact.id = reader.attribute("id").value_or("");
    artefact.version = reader.attribute("version").value_or("1.0");
    artefact.line = static_cast<std::size_t>(std::max(reader.line(), 0));
    check_id(reader, artefact.element, "id", artefact.id, id_pattern(), "letters, digits, _ @ $ -");
    check_id(reader, artefact.element, "agency", artefact.agency, agency_pattern(),
             "letters, digits, _ - in dot-separated parts, each starting with a letter");
    check_id(reader, artefact.element, "version", artefact.version, version_pattern(),
             "dot-separated numbers, e.g. 1.0 or 1.0.0");
    return artefact;
}

// Lower ranks reference higher ones (structures.md lists each type's children).
int deletion_rank(const std::string& element) {
    static const std::map<std::string, int> ranks = {{"ProvisionAgreement", 0},
                                                     {"MetadataProvisionAgreement", 0},
                                                     {"ContentConstraint", 0},
                                                     {"DataConstraint", 0},
                                                     {"MetadataConstraint", 0},
                                                     {"Categorisation", 0},
                                                     {"StructureSet", 0},
                                                     {"StructureMap", 0},
                                                     {"RepresentationMap", 0},
                                                     {"HierarchyAssociation", 0},
                                                     {"Process", 0},
                                                     {"Dataflow", 1},
                                                     {"Metadataflow", 1},
                                                     {"DataStructure", 2},
                                                     {"MetadataStructure", 2},
                                                     {"HierarchicalCodelist", 3},
                                                     {"Hierarchy", 3},
                                                     {"ConceptScheme", 4},
                                                     {"Codelist", 5},
                                                     {"ValueList", 5}};
    const auto found = ranks.find(element);
    return found == ranks.end() ? 6 : found->second;  // item schemes of organisations, categories: last
}

}  // namespace

std::string rest_resource(const std::string& element) {
    if (element == "ContentConstraint") return "dataconstraint";
    if (element == "HierarchicalCodelist") return "hierarchy";
    if (element == "StructureSet") return "structureset";
    return ascii_lower(element);
}

std::string StructureArtefact::rest_path() const {
    return "structure/" + percent_encode(resource) + "/" + percent_encode(agency) + "/" + percent_encode(id) + "/" +
           percent_encode(version);
}

std::vector<StructureArtefact> list_structure_artefacts(const std::filesystem::path& file) {
    auto reader = sdmx::XmlReader::open_file(file);
    std::vector<StructureArtefact> artefacts;
    // Structure > Structures > (Codelists | DataStructures | ...) > the maintainables,
    // each skipped whole once named, so a large codelist costs no memory; the
    // reader still parses what it skips, so a truncated file fails here.
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

std::vector<StructureArtefact> deletion_order(std::vector<StructureArtefact> artefacts) {
    std::stable_sort(artefacts.begin(), artefacts.end(),
                     [](const auto& a, const auto& b) { return deletion_rank(a.element) < deletion_rank(b.element); });
    return artefacts;
}

}  // namespace csdmx::registry
