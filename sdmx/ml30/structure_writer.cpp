#include "sdmx/ml30/structure_writer.h"

#include "sdmx/ml21/structure_parts.h"
#include "sdmx/ml30/namespaces.h"

namespace csdmx::sdmx::ml30 {

namespace {

// Header, annotations and names are written as in SDMX-ML 2.1: the elements are
// the same, in the namespaces this message declares.
using ml21::write_annotations;
using ml21::write_header_start;
using ml21::write_item_scheme;
using ml21::write_nameable_content;
using ml21::write_section;
using ml21::write_text_format;

// 3.0 has no isFinal: finality is in the version number (semantic versioning).
// Organisation schemes have a fixed id and version (DATA_PROVIDERS, 1.0) and
// take no version attribute.
void write_maintainable_attributes(XmlWriter& xml, ArtefactClass kind, const MaintainableArtefact& artefact) {
    xml.attribute("urn", urn(kind, artefact.ref));
    xml.attribute("agencyID", artefact.ref.agency);
    xml.attribute("id", artefact.ref.id);
    if (kind != ArtefactClass::DataProviderScheme && kind != ArtefactClass::AgencyScheme) {
        xml.attribute("version", artefact.ref.version);
    }
}

void write_representation(XmlWriter& xml, const char* element, const std::optional<Representation>& representation) {
    if (!representation || (!representation->enumeration && !representation->text_format)) return;
    xml.start(element);
    if (representation->enumeration) {
        xml.element("structure:Enumeration", urn(ArtefactClass::Codelist, *representation->enumeration));
    } else {
        write_text_format(xml, *representation->text_format);
    }
    xml.end();
}

void write_concept_identity(XmlWriter& xml, const ConceptRef& identity) {
    xml.element("structure:ConceptIdentity",
                item_urn(ArtefactClass::ConceptScheme, identity.scheme, identity.concept_id));
}

void write_codelist(XmlWriter& xml, const Codelist& codelist) {
    write_item_scheme(xml, "structure:Codelist", "structure:Code", ArtefactClass::Codelist, codelist,
                      write_maintainable_attributes, [&](const Code& code) {
                          if (!code.parent.empty()) xml.element("structure:Parent", code.parent);
                      });
}

void write_concept_scheme(XmlWriter& xml, const ConceptScheme& scheme) {
    write_item_scheme(xml, "structure:ConceptScheme", "structure:Concept", ArtefactClass::ConceptScheme, scheme,
                      write_maintainable_attributes, [&](const Concept& item) {
                          write_representation(xml, "structure:CoreRepresentation", item.core_representation);
                      });
}

// 3.0 names the attachment levels Dataflow, Dimension, Group and Observation.
void write_attribute_relationship(XmlWriter& xml, const AttributeRelationship& relationship) {
    xml.start("structure:AttributeRelationship");
    switch (relationship.level) {
        case AttachmentLevel::DataSet:
            xml.start("structure:Dataflow");
            xml.end();
            break;
        case AttachmentLevel::Series:
            for (const auto& dimension : relationship.dimensions) xml.element("structure:Dimension", dimension);
            break;
        case AttachmentLevel::Group:
            xml.element("structure:Group", relationship.group);
            break;
        case AttachmentLevel::Observation:
            xml.start("structure:Observation");
            xml.end();
            break;
    }
    xml.end();
}

void write_component_start(XmlWriter& xml, const char* element, const char* urn_class, const DataStructure& dsd,
                           const std::string& id) {
    xml.start(element);
    xml.attribute("urn", "urn:sdmx:org.sdmx.infomodel.datastructure." + std::string(urn_class) + "=" +
                             dsd.ref.to_string() + "." + id);
    xml.attribute("id", id);
}

void write_data_structure(XmlWriter& xml, const DataStructure& dsd) {
    xml.start("structure:DataStructure");
    write_maintainable_attributes(xml, ArtefactClass::DataStructure, dsd);
    write_nameable_content(xml, dsd.annotations, dsd.name, dsd.description);
    xml.start("structure:DataStructureComponents");

    write_component_start(xml, "structure:DimensionList", "DimensionDescriptor", dsd, "DimensionDescriptor");
    int position = 1;
    for (const auto& dimension : dsd.dimensions) {
        write_component_start(xml, "structure:Dimension", "Dimension", dsd, dimension.id);
        xml.attribute("position", std::to_string(position++));
        write_annotations(xml, dimension.annotations);
        write_concept_identity(xml, dimension.concept_identity);
        write_representation(xml, "structure:LocalRepresentation", dimension.local_representation);
        xml.end();
    }
    if (dsd.time_dimension) {
        write_component_start(xml, "structure:TimeDimension", "TimeDimension", dsd, dsd.time_dimension->id);
        write_annotations(xml, dsd.time_dimension->annotations);
        write_concept_identity(xml, dsd.time_dimension->concept_identity);
        write_representation(xml, "structure:LocalRepresentation", dsd.time_dimension->local_representation);
        xml.end();
    }
    xml.end();

    for (const auto& group : dsd.groups) {
        write_component_start(xml, "structure:Group", "GroupDimensionDescriptor", dsd, group.id);
        for (const auto& dimension : group.dimensions) {
            xml.start("structure:GroupDimension");
            xml.element("structure:DimensionReference", dimension);
            xml.end();
        }
        xml.end();
    }

    if (!dsd.attributes.empty()) {
        write_component_start(xml, "structure:AttributeList", "AttributeDescriptor", dsd, "AttributeDescriptor");
        for (const auto& attribute : dsd.attributes) {
            write_component_start(xml, "structure:Attribute", "DataAttribute", dsd, attribute.id);
            xml.attribute("usage", attribute.mandatory ? "mandatory" : "optional");
            write_annotations(xml, attribute.annotations);
            write_concept_identity(xml, attribute.concept_identity);
            write_representation(xml, "structure:LocalRepresentation", attribute.local_representation);
            write_attribute_relationship(xml, attribute.relationship);
            xml.end();
        }
        xml.end();
    }

    write_component_start(xml, "structure:MeasureList", "MeasureDescriptor", dsd, "MeasureDescriptor");
    write_component_start(xml, "structure:Measure", "Measure", dsd, dsd.primary_measure.id);
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
    xml.element("structure:Structure", urn(ArtefactClass::DataStructure, dataflow.structure));
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

void write_provision_agreement(XmlWriter& xml, const ProvisionAgreement& agreement) {
    xml.start("structure:ProvisionAgreement");
    write_maintainable_attributes(xml, ArtefactClass::ProvisionAgreement, agreement);
    write_nameable_content(xml, agreement.annotations, agreement.name, agreement.description);
    xml.element("structure:Dataflow", urn(ArtefactClass::Dataflow, agreement.dataflow));
    xml.element("structure:DataProvider",
                item_urn(ArtefactClass::DataProviderScheme, agreement.provider_scheme, agreement.provider_id));
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
    write_section(xml, "structure:AgencySchemes", structures.agency_schemes, write_agency_scheme);
    write_section(xml, "structure:Codelists", structures.codelists, write_codelist);
    write_section(xml, "structure:ConceptSchemes", structures.concept_schemes, write_concept_scheme);
    write_section(xml, "structure:Dataflows", structures.dataflows, write_dataflow);
    write_section(xml, "structure:DataProviderSchemes", structures.data_provider_schemes, write_provider_scheme);
    write_section(xml, "structure:DataStructures", structures.data_structures, write_data_structure);
    write_section(xml, "structure:ProvisionAgreements", structures.provision_agreements, write_provision_agreement);
    xml.end();

    xml.end();
    xml.end_document();
}

}  // namespace csdmx::sdmx::ml30
