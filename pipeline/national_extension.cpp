#include "pipeline/national_extension.h"

#include <algorithm>

#include "pipeline/generated_structures.h"

namespace csdmx::mapping {

namespace {

// Adds what a component uses (its concept scheme and codelist) once each.
class Collector {
public:
    Collector(const sdmx::StructureSet& from, sdmx::StructureSet& into) : from_(from), into_(into) {}

    void add(const sdmx::ConceptRef& identity, const std::optional<sdmx::Representation>& local) {
        if (const auto* scheme = from_.find_concept_scheme(identity.scheme);
            scheme && !has(into_.concept_schemes, scheme->ref)) {
            into_.concept_schemes.push_back(*scheme);
        }
        if (const auto* codelist = from_.codelist_of(identity, local);
            codelist && !has(into_.codelists, codelist->ref)) {
            into_.codelists.push_back(*codelist);
        }
    }

private:
    template <typename Items>
    static bool has(const Items& items, const sdmx::MaintainableRef& ref) {
        return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.ref == ref; });
    }

    const sdmx::StructureSet& from_;
    sdmx::StructureSet& into_;
};

}  // namespace

sdmx::StructureSet national_extension(const sdmx::StructureSet& structures, const sdmx::DataStructure& target,
                                      const sdmx::MaintainableRef& extension, const std::string& name,
                                      const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                                      const Qualification& qualification) {
    sdmx::StructureSet result;
    Collector collect(structures, result);
    for (const auto& dimension : target.dimensions)
        collect.add(dimension.concept_identity, dimension.local_representation);
    if (target.time_dimension)
        collect.add(target.time_dimension->concept_identity, target.time_dimension->local_representation);
    for (const auto& attribute : target.attributes)
        collect.add(attribute.concept_identity, attribute.local_representation);
    collect.add(target.primary_measure.concept_identity, target.primary_measure.local_representation);

    sdmx::DataStructure dsd = target;
    dsd.ref = extension;
    dsd.is_final = false;
    dsd.name = sdmx::InternationalString(name.empty() ? target.name.text() + " with citizen data attributes" : name);
    dsd.description = sdmx::InternationalString("National extension of " + target.ref.to_string() +
                                                ": its components, and coded data-set attributes for citizen data "
                                                "(Copenhagen Framework participation, initiative, producer, the NSO's "
                                                "validation decision).");
    sdmx::ConceptScheme concepts;
    concepts.ref = {extension.agency, "CS_CITIZEN_DATA", "1.0"};
    concepts.name = sdmx::InternationalString("Citizen data concepts");
    add_citizen_attributes(dsd, concepts, result, metadata, codelists, qualification);
    result.concept_schemes.push_back(std::move(concepts));
    result.data_structures.push_back(std::move(dsd));
    return result;
}

}  // namespace csdmx::mapping
