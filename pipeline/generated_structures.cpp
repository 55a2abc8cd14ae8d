#include "pipeline/generated_structures.h"

#include <set>

#include "copenhagen/citizen_annotations.h"
#include "sdmx/ids.h"
#include "sdmx/time_period.h"

namespace csdmx::mapping {

namespace {

constexpr const char* kDefaultAgency = "CITIZEN_SDMX";

// The citizen data attributes: id, concept name, codelist, value getter.
struct CitizenAttribute {
    std::string id;
    sdmx::InternationalString name;
    const sdmx::Codelist* codelist;
    std::string value;
};

std::vector<CitizenAttribute> citizen_attributes(const package::CitizenMetadata& metadata,
                                                 const CitizenCodelists& codelists,
                                                 const Qualification& qualification) {
    std::vector<CitizenAttribute> attributes;
    attributes.push_back({"CITIZEN_DATA_STATUS", codelists.citizen_data_status.name, &codelists.citizen_data_status,
                          qualification.status_code});
    attributes.push_back(
        {"PRODUCER_TYPE", codelists.producer_types.name, &codelists.producer_types, metadata.producer.type});
    attributes.push_back(
        {"INITIATIVE_TYPE", codelists.initiative_types.name, &codelists.initiative_types, metadata.initiative_type});
    // One attribute per stage; its name combines the ladder's and the stage's names
    // in every language both have, so translations in the codelists carry over.
    for (const auto& stage : codelists.stages.items) {
        sdmx::InternationalString name;
        for (const auto& level_name : codelists.participation_levels.name.values) {
            name.set(level_name.lang, level_name.text + ": " + stage.name.text(level_name.lang));
        }
        const std::string* level = metadata.level_of(stage.id);
        attributes.push_back(
            {"PARTICIPATION_" + stage.id, name, &codelists.participation_levels, level ? *level : std::string()});
    }
    attributes.push_back({"NSO_VALIDATION", codelists.validation_results.name, &codelists.validation_results,
                          metadata.validation.result});
    return attributes;
}

sdmx::Concept make_concept(const std::string& id, sdmx::InternationalString name,
                           sdmx::InternationalString description = {}) {
    sdmx::Concept item;
    item.id = id;
    item.name = std::move(name);
    item.description = std::move(description);
    return item;
}

sdmx::Representation coded(const sdmx::MaintainableRef& codelist) {
    sdmx::Representation representation;
    representation.enumeration = codelist;
    return representation;
}

// A codelist from codes seen, in order of first appearance; a code seen under
// several values (a preset shared by "female" and "Female") is listed once.
sdmx::Codelist codelist_of(const sdmx::MaintainableRef& ref, const CodedComponent& component) {
    sdmx::Codelist codelist;
    codelist.ref = ref;
    codelist.name = component.name;
    codelist.description = component.description;
    std::set<std::string> seen;
    for (const auto& [code, name] : component.codes) {
        if (!seen.insert(code).second) continue;
        sdmx::Code item;
        item.id = code;
        item.name = sdmx::InternationalString(name);
        codelist.add(std::move(item));
    }
    return codelist;
}

sdmx::Representation text_format(const char* type) {
    sdmx::Representation representation;
    representation.text_format = sdmx::TextFormat{};
    representation.text_format->text_type = type;
    return representation;
}

// Each concept gets the representation of the component that uses it as its core
// representation: sdmx1 (2.26) fails on a concept without one when the component
// has a local representation, and the generated concepts serve one component each.
void give_core_representations(sdmx::ConceptScheme& concepts, const sdmx::DataStructure& dsd) {
    const auto give = [&](const std::string& id, const std::optional<sdmx::Representation>& local) {
        if (!local) return;
        for (auto& concept_item : concepts.items) {
            if (concept_item.id == id && !concept_item.core_representation) concept_item.core_representation = local;
        }
    };
    for (const auto& dimension : dsd.dimensions)
        give(dimension.concept_identity.concept_id, dimension.local_representation);
    if (dsd.time_dimension)
        give(dsd.time_dimension->concept_identity.concept_id, dsd.time_dimension->local_representation);
    for (const auto& attribute : dsd.attributes)
        give(attribute.concept_identity.concept_id, attribute.local_representation);
    give(dsd.primary_measure.concept_identity.concept_id, dsd.primary_measure.local_representation);
}

}  // namespace

GeneratedNames choose_names(const package::DataPackage& package, const package::Resource& resource,
                            const package::CitizenMetadata& metadata, const std::string& agency_override,
                            Diagnostics& diagnostics) {
    GeneratedNames names;
    names.agency = !agency_override.empty()        ? agency_override
                   : !metadata.sdmx.agency.empty() ? metadata.sdmx.agency
                                                   : kDefaultAgency;
    if (!sdmx::is_agency_id(names.agency)) {
        diagnostics.error(
            {}, "agency",
            "expected an SDMX agency id (a letter, then letters, digits, _ or -); found \"" + names.agency + "\"");
    }
    std::string base = metadata.sdmx.dataflow;
    if (base.rfind("DF_", 0) == 0) base = base.substr(3);
    if (base.empty()) base = sdmx::to_sdmx_id(package.name);
    if (base.empty()) base = sdmx::to_sdmx_id(resource.name);
    if (base.empty()) {
        diagnostics.error(package.descriptor_path.string(), "citizen_data.sdmx.dataflow",
                          "missing; expected a dataflow id, since the package has no usable name");
    }
    // Each resource of a package is its own dataflow: their ids, and so their output
    // files, must not collide.
    if (package.resources.size() > 1 && !base.empty()) base += "_" + sdmx::to_sdmx_id(resource.name);
    names.base_id = base;
    if (!metadata.sdmx.version.empty()) names.version = metadata.sdmx.version;
    return names;
}

std::vector<std::pair<std::string, std::string>> citizen_attribute_values(const package::CitizenMetadata& metadata,
                                                                          const CitizenCodelists& codelists,
                                                                          const Qualification& qualification) {
    std::vector<std::pair<std::string, std::string>> values;
    for (auto& attribute : citizen_attributes(metadata, codelists, qualification)) {
        values.emplace_back(attribute.id, attribute.value);
    }
    return values;
}

void add_citizen_attributes(sdmx::DataStructure& dsd, sdmx::ConceptScheme& concepts, sdmx::StructureSet& structures,
                            const package::CitizenMetadata& metadata, const CitizenCodelists& codelists,
                            const Qualification& qualification) {
    for (auto& attribute : citizen_attributes(metadata, codelists, qualification)) {
        concepts.add(make_concept(attribute.id, attribute.name));
        sdmx::DataAttribute definition;
        definition.id = attribute.id;
        definition.concept_identity = sdmx::ConceptRef{concepts.ref, attribute.id};
        definition.local_representation = coded(attribute.codelist->ref);
        definition.mandatory = true;
        definition.relationship.level = sdmx::AttachmentLevel::DataSet;
        dsd.attributes.push_back(std::move(definition));
    }
    for (const auto* codelist : {&codelists.citizen_data_status, &codelists.producer_types, &codelists.initiative_types,
                                 &codelists.participation_levels, &codelists.validation_results}) {
        structures.codelists.push_back(*codelist);
    }
}

sdmx::StructureSet build_generated_structures(const GeneratedStructureInput& input) {
    const auto& names = input.names;
    const auto& components = input.components;
    sdmx::StructureSet structures;

    sdmx::ConceptScheme concepts;
    concepts.ref = names.concept_scheme();
    concepts.name = sdmx::InternationalString("Concepts of " + names.base_id);
    auto concept_ref = [&](const std::string& id) { return sdmx::ConceptRef{concepts.ref, id}; };

    auto add_codelist = [&](sdmx::Codelist codelist) -> sdmx::MaintainableRef {
        sdmx::MaintainableRef ref = codelist.ref;
        structures.codelists.push_back(std::move(codelist));
        return ref;
    };

    sdmx::DataStructure dsd;
    dsd.ref = names.data_structure();
    dsd.name = sdmx::InternationalString("Structure of " + names.base_id + " (generated by citizen-sdmx " +
                                         components.origin + ")");

    // FREQ
    {
        sdmx::Codelist frequencies;
        frequencies.ref = names.codelist(kFrequencyId);
        frequencies.name = sdmx::InternationalString("Frequency");
        for (char code : components.frequencies) {
            sdmx::Code item;
            item.id = std::string(1, code);
            item.name = sdmx::InternationalString(sdmx::frequency_name(code));
            frequencies.add(std::move(item));
        }
        concepts.add(make_concept(kFrequencyId, sdmx::InternationalString("Frequency")));
        dsd.dimensions.push_back(
            {kFrequencyId, concept_ref(kFrequencyId), coded(add_codelist(std::move(frequencies))), {}});
    }
    // INDICATOR, then one coded dimension per disaggregation, codes from what was seen
    auto add_coded_dimension = [&](const CodedComponent& component) {
        concepts.add(make_concept(component.id, component.name, component.description));
        dsd.dimensions.push_back({component.id,
                                  concept_ref(component.id),
                                  coded(add_codelist(codelist_of(names.codelist(component.id), component))),
                                  {}});
    };
    add_coded_dimension(components.indicator);
    for (const auto& dimension : components.dimensions) add_coded_dimension(dimension);
    // TIME_PERIOD
    concepts.add(make_concept(kTimePeriodId, sdmx::InternationalString("Time period")));
    dsd.time_dimension =
        sdmx::Dimension{kTimePeriodId, concept_ref(kTimePeriodId), text_format("ObservationalTimePeriod"), {}};

    add_citizen_attributes(dsd, concepts, structures, input.metadata, input.codelists, input.qualification);

    // Observation-level attributes
    for (const auto& attribute : components.attributes) {
        concepts.add(make_concept(attribute.id, attribute.name, attribute.description));
        sdmx::DataAttribute definition;
        definition.id = attribute.id;
        definition.concept_identity = concept_ref(attribute.id);
        if (attribute.codes) {
            CodedComponent as_component{attribute.id, attribute.name, attribute.description, *attribute.codes};
            definition.local_representation =
                coded(add_codelist(codelist_of(names.codelist(attribute.id), as_component)));
        } else {
            definition.local_representation = text_format(attribute.text_type.c_str());
        }
        definition.relationship.level = sdmx::AttachmentLevel::Observation;
        definition.mandatory = attribute.mandatory;
        dsd.attributes.push_back(std::move(definition));
    }

    concepts.add(make_concept(kObsValueId, sdmx::InternationalString("Observation value")));
    dsd.primary_measure.id = kObsValueId;
    dsd.primary_measure.concept_identity = concept_ref(kObsValueId);
    dsd.primary_measure.local_representation = text_format("Double");

    auto annotations = citizen_data_annotations(input.metadata, input.codelists, input.qualification);
    annotations.insert(annotations.end(), input.extra_annotations.begin(), input.extra_annotations.end());
    const std::string dataflow_name = !input.metadata.sdmx.name.empty() ? input.metadata.sdmx.name
                                      : !input.package.title.empty()    ? input.package.title
                                      : !input.resource.title.empty()   ? input.resource.title
                                                                        : names.base_id;

    sdmx::Dataflow dataflow;
    dataflow.ref = names.dataflow();
    dataflow.name = sdmx::InternationalString(dataflow_name);
    if (!input.package.description.empty()) dataflow.description = sdmx::InternationalString(input.package.description);
    dataflow.structure = dsd.ref;
    dataflow.annotations = annotations;

    const sdmx::MaintainableRef dataflow_ref = dataflow.ref;
    give_core_representations(concepts, dsd);
    structures.concept_schemes.push_back(std::move(concepts));
    structures.data_structures.push_back(std::move(dsd));
    structures.dataflows.push_back(std::move(dataflow));
    structures.merge(provider_structures(names, input.metadata, dataflow_ref, dataflow_name, std::move(annotations)));
    return structures;
}

sdmx::Dataflow dataflow_for_dsd(const GeneratedNames& names, const sdmx::MaintainableRef& named_dataflow,
                                const sdmx::MaintainableRef& dsd, bool extension, const std::string& name) {
    sdmx::Dataflow dataflow;
    dataflow.ref = extension                 ? sdmx::MaintainableRef{dsd.agency, "DF_" + dsd.id, dsd.version}
                   : !named_dataflow.empty() ? named_dataflow
                                             : names.dataflow();
    dataflow.name = sdmx::InternationalString(name);
    dataflow.structure = dsd;
    return dataflow;
}

sdmx::StructureSet provider_structures(const GeneratedNames& names, const package::CitizenMetadata& metadata,
                                       const sdmx::MaintainableRef& dataflow, const std::string& dataflow_name,
                                       sdmx::Annotations annotations) {
    sdmx::StructureSet structures;
    sdmx::DataProviderScheme providers;
    providers.ref.agency = names.agency;
    providers.name = sdmx::InternationalString("Data providers");
    sdmx::DataProvider provider;
    provider.id = metadata.producer.id;
    provider.name = sdmx::InternationalString(metadata.producer.name);
    providers.add(std::move(provider));

    if (!dataflow.empty()) {
        sdmx::ProvisionAgreement agreement;
        agreement.ref = names.provision_agreement(metadata.producer.id);
        agreement.name = sdmx::InternationalString(metadata.producer.name + " provides " + dataflow_name);
        agreement.dataflow = dataflow;
        agreement.provider_scheme = providers.ref;
        agreement.provider_id = metadata.producer.id;
        agreement.annotations = std::move(annotations);
        structures.provision_agreements.push_back(std::move(agreement));
    }
    structures.data_provider_schemes.push_back(std::move(providers));

    // The maintenance agencies the message uses, as a partial SDMX:AGENCIES: readers
    // that expect an AgencyScheme beside a DataProviderScheme (pysdmx before 1.18)
    // read the organisation schemes then.
    sdmx::AgencyScheme agencies;
    agencies.ref.agency = "SDMX";
    agencies.name = sdmx::InternationalString("SDMX agencies used by this message");
    for (const auto& id : {names.agency, dataflow.agency}) {
        if (id.empty() || agencies.contains(id)) continue;
        sdmx::Agency agency;
        agency.id = id;
        agency.name = sdmx::InternationalString(id);
        agencies.add(std::move(agency));
    }
    structures.agency_schemes.push_back(std::move(agencies));
    return structures;
}

}  // namespace csdmx::mapping
