#include "sdmx/ml21/structure_writer.h"

#include "sdmx/ml21/namespaces.h"
#include "sdmx/ml21/structure_parts.h"

namespace csdmx::sdmx::ml21 {

namespace {

void write_maintainable_attributes(XmlWriter& xml, ArtefactClass kind, const MaintainableArtefact& artefact) {
    xml.attribute("id", artefact.ref.id);
    xml.attribute("agencyID", artefact.ref.agency);
    xml.attribute("version", artefact.ref.version);
    xml.attribute("isFinal", artefact.is_final ? "true" : "false");
    xml.attribute("urn", urn(kind, artefact.ref));
}

// <Ref agencyID=".." id=".." version=".." class=".." package=".."/>
void write_maintainable_ref(XmlWriter& xml, const MaintainableRef& ref, const char* class_name, const char* package) {
    xml.start("Ref");
    xml.attribute("agencyID", ref.agency);
    xml.attribute("id", ref.id);
    xml.attribute("version", ref.version);
    xml.attribute("class", class_name);
    xml.attribute("package", package);
    xml.end();
}

// A Ref followed by the artefact's URN (both allowed by the 2.1 reference types):
// registries and readers that resolve references by URN find it either way.
void write_maintainable_ref_and_urn(XmlWriter& xml, ArtefactClass kind, const MaintainableRef& ref,
                                    const char* class_name, const char* package) {
    write_maintainable_ref(xml, ref, class_name, package);
    xml.element("URN", urn(kind, ref));
}

void write_local_ref(XmlWriter& xml, const char* element, std::string_view id) {
    xml.start(element);
    xml.start("Ref");
    xml.attribute("id", id);
    xml.end();
    xml.end();
}

// <element><Ref agencyID maintainableParentID maintainableParentVersion id class package/></element>:
// a reference to an item (a concept, a data provider) inside its scheme.
void write_item_ref(XmlWriter& xml, const char* element, const MaintainableRef& scheme, std::string_view item_id,
                    const char* class_name, const char* package) {
    xml.start(element);
    xml.start("Ref");
    xml.attribute("agencyID", scheme.agency);
    xml.attribute("maintainableParentID", scheme.id);
    xml.attribute("maintainableParentVersion", scheme.version);
    xml.attribute("id", item_id);
    xml.attribute("class", class_name);
    xml.attribute("package", package);
    xml.end();
    xml.end();
}

void write_concept_identity(XmlWriter& xml, const ConceptRef& identity) {
    write_item_ref(xml, "structure:ConceptIdentity", identity.scheme, identity.concept_id, "Concept", "conceptscheme");
}

void write_representation(XmlWriter& xml, const char* element, const std::optional<Representation>& representation) {
    if (!representation || (!representation->enumeration && !representation->text_format)) return;
    xml.start(element);
    if (representation->enumeration) {
        xml.start("structure:Enumeration");
        write_maintainable_ref(xml, *representation->enumeration, "Codelist", "codelist");
        xml.end();
    } else {
        write_text_format(xml, *representation->text_format);
    }
    xml.end();
}

void write_codelist(XmlWriter& xml, const Codelist& codelist) {
    write_item_scheme(xml, "structure:Codelist", "structure:Code", ArtefactClass::Codelist, codelist,
                      write_maintainable_attributes, [&](const Code& code) {
                          if (!code.parent.empty()) write_local_ref(xml, "structure:Parent", code.parent);
                      });
}

void write_concept_scheme(XmlWriter& xml, const ConceptScheme& scheme) {
    write_item_scheme(xml, "structure:ConceptScheme", "structure:Concept", ArtefactClass::ConceptScheme, scheme,
                      write_maintainable_attributes, [&](const Concept& item) {
                          write_representation(xml, "structure:CoreRepresentation", item.core_representation);
                      });
}

void write_attribute_relationship(XmlWriter& xml, const AttributeRelationship& relationship,
                                  const std::string& primary_measure_id) {
    xml.start("structure:AttributeRelationship");
    switch (relationship.level) {
        case AttachmentLevel::DataSet:
            xml.start("structure:None");
            xml.end();
            break;
        case AttachmentLevel::Series:
            for (const auto& dimension : relationship.dimensions) {
                write_local_ref(xml, "structure:Dimension", dimension);
            }
            break;
        case AttachmentLevel::Group:
            write_local_ref(xml, "structure:Group", relationship.group);
            break;
        case AttachmentLevel::Observation:
            write_local_ref(xml, "structure:PrimaryMeasure", primary_measure_id);
            break;
    }
    xml.end();
}

void write_data_structure(XmlWriter& xml, const DataStructure& dsd) {
    xml.start("structure:DataStructure");
    write_maintainable_attributes(xml, ArtefactClass::DataStructure, dsd);
    write_nameable_content(xml, dsd.annotations, dsd.name, dsd.description);
    xml.start("structure:DataStructureComponents");

    xml.start("structure:DimensionList");
    xml.attribute("id", "DimensionDescriptor");
    int position = 1;
    for (const auto& dimension : dsd.dimensions) {
        xml.start("structure:Dimension");
        xml.attribute("id", dimension.id);
        xml.attribute("position", std::to_string(position++));
        write_annotations(xml, dimension.annotations);
        write_concept_identity(xml, dimension.concept_identity);
        write_representation(xml, "structure:LocalRepresentation", dimension.local_representation);
        xml.end();
    }
    if (dsd.time_dimension) {
        xml.start("structure:TimeDimension");
        xml.attribute("id", dsd.time_dimension->id);
        xml.attribute("position", std::to_string(position));
        write_annotations(xml, dsd.time_dimension->annotations);
        write_concept_identity(xml, dsd.time_dimension->concept_identity);
        write_representation(xml, "structure:LocalRepresentation", dsd.time_dimension->local_representation);
        xml.end();
    }
    xml.end();

    for (const auto& group : dsd.groups) {
        xml.start("structure:Group");
        xml.attribute("id", group.id);
        for (const auto& dimension : group.dimensions) {
            xml.start("structure:GroupDimension");
            write_local_ref(xml, "structure:DimensionReference", dimension);
            xml.end();
        }
        xml.end();
    }

    if (!dsd.attributes.empty()) {
        xml.start("structure:AttributeList");
        xml.attribute("id", "AttributeDescriptor");
        for (const auto& attribute : dsd.attributes) {
            xml.start("structure:Attribute");
            xml.attribute("id", attribute.id);
            xml.attribute("assignmentStatus", attribute.mandatory ? "Mandatory" : "Conditional");
            write_annotations(xml, attribute.annotations);
            write_concept_identity(xml, attribute.concept_identity);
            write_representation(xml, "structure:LocalRepresentation", attribute.local_representation);
            write_attribute_relationship(xml, attribute.relationship, dsd.primary_measure.id);
            xml.end();
        }
        xml.end();
    }

    xml.start("structure:MeasureList");
    xml.attribute("id", "MeasureDescriptor");
    xml.start("structure:PrimaryMeasure");
    xml.attribute("id", dsd.primary_measure.id);
    write_concept_identity(xml, dsd.primary_measure.concept_identity);
    write_representation(xml, "structure:LocalRepresentation", dsd.primary_measure.local_representation);
    xml.end();
    xml.end();

    xml.end();  // DataStructureComponents
    xml.end();
}

void write_dataflow(XmlWriter& xml, const Dataflow& dataflow) {
    xml.start("structure:Dataflow");
    write_maintainable_attributes(xml, ArtefactClass::Dataflow, dataflow);
    write_nameable_content(xml, dataflow.annotations, dataflow.name, dataflow.description);
    xml.start("structure:Structure");
    write_maintainable_ref_and_urn(xml, ArtefactClass::DataStructure, dataflow.structure, "DataStructure",
                                   "datastructure");
    xml.end();
    xml.end();
}

void write_provider_scheme(XmlWriter& xml, const DataProviderScheme& scheme) {
    write_item_scheme(xml, "structure:DataProviderScheme", "structure:DataProvider", ArtefactClass::DataProviderScheme,
                      scheme, write_maintainable_attributes, [](const DataProvider&) {});
}

// Agency schemes are partial by nature here: they list the agencies the message uses.
void write_agency_scheme(XmlWriter& xml, const AgencyScheme& scheme) {
    write_item_scheme(
        xml, "structure:AgencyScheme", "structure:Agency", ArtefactClass::AgencyScheme, scheme,
        [](XmlWriter& out, ArtefactClass kind, const MaintainableArtefact& artefact) {
            write_maintainable_attributes(out, kind, artefact);
            out.attribute("isPartial", "true");
        },
        [](const Agency&) {});
}

// 2.1 puts every organisation scheme in one OrganisationSchemes, agencies first.
void write_organisation_schemes(XmlWriter& xml, const StructureSet& structures) {
    if (structures.agency_schemes.empty() && structures.data_provider_schemes.empty()) return;
    xml.start("structure:OrganisationSchemes");
    for (const auto& scheme : structures.agency_schemes) write_agency_scheme(xml, scheme);
    for (const auto& scheme : structures.data_provider_schemes) write_provider_scheme(xml, scheme);
    xml.end();
}

void write_provision_agreement(XmlWriter& xml, const ProvisionAgreement& agreement) {
    xml.start("structure:ProvisionAgreement");
    write_maintainable_attributes(xml, ArtefactClass::ProvisionAgreement, agreement);
    write_nameable_content(xml, agreement.annotations, agreement.name, agreement.description);
    xml.start("structure:StructureUsage");
    write_maintainable_ref_and_urn(xml, ArtefactClass::Dataflow, agreement.dataflow, "Dataflow", "datastructure");
    xml.end();
    write_item_ref(xml, "structure:DataProvider", agreement.provider_scheme, agreement.provider_id, "DataProvider",
                   "base");
    xml.end();
}

}  // namespace

void write_structure_message(XmlWriter& xml, const MessageHeader& header, const StructureSet& structures) {
    xml.start_document();
    xml.start("message:Structure");
    xml.attribute("xmlns:message", kMessageNs);
    xml.attribute("xmlns:structure", kStructureNs);
    xml.attribute("xmlns:common", kCommonNs);
    write_header_start(xml, header);
    xml.end();

    xml.start("message:Structures");
    write_organisation_schemes(xml, structures);
    write_section(xml, "structure:Dataflows", structures.dataflows, write_dataflow);
    write_section(xml, "structure:Codelists", structures.codelists, write_codelist);
    write_section(xml, "structure:Concepts", structures.concept_schemes, write_concept_scheme);
    write_section(xml, "structure:DataStructures", structures.data_structures, write_data_structure);
    write_section(xml, "structure:ProvisionAgreements", structures.provision_agreements, write_provision_agreement);
    xml.end();

    xml.end();
    xml.end_document();
}

}  // namespace csdmx::sdmx::ml21
