#include "sdmx/model/structure_set.h"

#include <algorithm>

namespace csdmx::sdmx {

namespace {

// Versions in references may be omitted or wildcarded ("*", "+" in 3.0, "latest" in REST);
// then any version matches, and the last one loaded wins.
bool version_matches(const std::string& wanted, const std::string& actual) {
    return wanted.empty() || wanted == "*" || wanted == "+" || wanted == "latest" || wanted == actual;
}

template <typename Artefact>
const Artefact* find_in(const std::vector<Artefact>& artefacts, const MaintainableRef& ref) {
    const Artefact* found = nullptr;
    for (const auto& artefact : artefacts) {
        if (artefact.ref.id == ref.id && (ref.agency.empty() || artefact.ref.agency == ref.agency) &&
            version_matches(ref.version, artefact.ref.version)) {
            found = &artefact;
            if (!ref.version.empty() && ref.version == artefact.ref.version) break;
        }
    }
    return found;
}

template <typename Artefact>
void move_into(std::vector<Artefact>& target, std::vector<Artefact>& source) {
    for (auto& artefact : source) {
        auto same =
            std::find_if(target.begin(), target.end(), [&](const Artefact& a) { return a.ref == artefact.ref; });
        if (same != target.end()) {
            *same = std::move(artefact);
        } else {
            target.push_back(std::move(artefact));
        }
    }
}

}  // namespace

const Codelist* StructureSet::find_codelist(const MaintainableRef& ref) const {
    return find_in(codelists, ref);
}

const Codelist* StructureSet::find_codelist(std::string_view id) const {
    return find_in(codelists, MaintainableRef{"", std::string(id), ""});
}

const ConceptScheme* StructureSet::find_concept_scheme(const MaintainableRef& ref) const {
    return find_in(concept_schemes, ref);
}

const DataStructure* StructureSet::find_data_structure(const MaintainableRef& ref) const {
    return find_in(data_structures, ref);
}

const Dataflow* StructureSet::find_dataflow(const MaintainableRef& ref) const {
    return find_in(dataflows, ref);
}

std::optional<Representation> StructureSet::representation_of(const ConceptRef& identity,
                                                              const std::optional<Representation>& local) const {
    if (local && (local->enumeration || local->text_format)) return local;
    if (const auto* scheme = find_concept_scheme(identity.scheme)) {
        if (const auto* item = scheme->find(identity.concept_id)) return item->core_representation;
    }
    return std::nullopt;
}

const Codelist* StructureSet::codelist_of(const ConceptRef& identity,
                                          const std::optional<Representation>& local) const {
    auto representation = representation_of(identity, local);
    if (!representation || !representation->enumeration) return nullptr;
    return find_codelist(*representation->enumeration);
}

void StructureSet::merge(StructureSet other) {
    move_into(codelists, other.codelists);
    move_into(concept_schemes, other.concept_schemes);
    move_into(data_structures, other.data_structures);
    move_into(dataflows, other.dataflows);
    move_into(data_provider_schemes, other.data_provider_schemes);
    move_into(provision_agreements, other.provision_agreements);
    move_into(content_constraints, other.content_constraints);
    move_into(agency_schemes, other.agency_schemes);
}

bool StructureSet::empty() const {
    return codelists.empty() && concept_schemes.empty() && data_structures.empty() && dataflows.empty() &&
           data_provider_schemes.empty() && provision_agreements.empty();
}

}  // namespace csdmx::sdmx
