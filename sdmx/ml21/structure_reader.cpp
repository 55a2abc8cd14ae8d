#include "sdmx/ml21/structure_reader.h"

#include <libxml/tree.h>

#include "core/diagnostic.h"
#include "sdmx/ml21/common_reader.h"
#include "sdmx/ml21/namespaces.h"
#include "sdmx/ml30/namespaces.h"
#include "sdmx/ml_version.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::sdmx::ml21 {

namespace {

using dom::attribute;
using dom::attribute_or;
using dom::first_child;
using dom::local_name;
using dom::next_sibling;

// Maintainable artefacts default to version 1.0 (SDMXStructureBase.xsd).
constexpr const char* kDefaultVersion = "1.0";

// Reads SDMX-ML 2.1 and 3.0 artefacts: the elements are named alike; 3.0 refers by
// URN in element text, names the measure Measure, and says attribute usage and
// relationship in its own words.
class ArtefactParser {
public:
    ArtefactParser(std::string file, const MlNamespaces& ns) : file_(std::move(file)), ns_(ns) {}

    [[noreturn]] void fail(const xmlNode* node, const std::string& message) const {
        throw InputError(file_, static_cast<std::uint64_t>(dom::line(node)), 0, message);
    }

    std::string required(const xmlNode* node, const char* name) const {
        auto value = attribute(node, name);
        if (!value || value->empty()) {
            fail(node, "element " + std::string(local_name(node)) + " lacks its " + name + " attribute");
        }
        return *value;
    }

    void read_maintainable(const xmlNode* node, MaintainableArtefact& artefact) const {
        artefact.ref.id = required(node, "id");
        artefact.ref.agency = required(node, "agencyID");
        artefact.ref.version = attribute_or(node, "version", kDefaultVersion);
        artefact.is_final = attribute_or(node, "isFinal", "false") == "true";
        read_nameable(node, artefact.annotations, artefact.name, artefact.description);
    }

    void read_nameable(const xmlNode* node, Annotations& annotations, InternationalString& name,
                       InternationalString& description) const {
        for (const xmlNode* c = first_child(node); c; c = next_sibling(c)) {
            if (dom::is(c, ns_.common, "Name")) {
                name.set(language_of(c), dom::text(c));
            } else if (dom::is(c, ns_.common, "Description")) {
                description.set(language_of(c), dom::text(c));
            } else if (dom::is(c, ns_.common, "Annotations")) {
                ml21::read_annotations(c, annotations);
            }
        }
    }

    // A reference is either <Ref .../> or <URN>...</URN> (SDMX 2.1 common:ReferenceType).
    MaintainableRef read_reference(const xmlNode* holder, std::string* item_id = nullptr) const {
        MaintainableRef result = ml21::read_reference(holder, item_id);
        if (result.id.empty()) {
            const xmlNode* urn_node = dom::child(holder, "URN");
            fail(urn_node ? urn_node : holder,
                 urn_node ? "unreadable SDMX URN '" + dom::text(urn_node) + "'"
                          : "reference in " + std::string(local_name(holder)) + " has neither Ref nor URN");
        }
        return result;
    }

    std::string read_local_id(const xmlNode* holder) const {
        const xmlNode* ref = dom::child(holder, "Ref");
        if (ref) return required(ref, "id");
        const std::string text = dom::text(holder);
        if (!text.empty() && text.rfind("urn:", 0) != 0) return text;  // 3.0: the id itself
        std::string item;
        read_reference(holder, &item);
        return item;
    }

    std::optional<Representation> read_representation(const xmlNode* holder) const {
        if (holder == nullptr) return std::nullopt;
        Representation representation;
        for (const xmlNode* c = first_child(holder); c; c = next_sibling(c)) {
            auto name = local_name(c);
            if (name == "Enumeration") {
                representation.enumeration = read_reference(c);
            } else if (name == "TextFormat" || name == "EnumerationFormat") {
                if (name == "EnumerationFormat") continue;  // facets of codes; the codelist decides
                TextFormat format;
                format.text_type = attribute_or(c, "textType", "String");
                format.min_length = attribute(c, "minLength");
                format.max_length = attribute(c, "maxLength");
                format.min_value = attribute(c, "minValue");
                format.max_value = attribute(c, "maxValue");
                format.decimals = attribute(c, "decimals");
                format.pattern = attribute(c, "pattern");
                representation.text_format = std::move(format);
            }
        }
        return representation;
    }

    ConceptRef read_concept_identity(const xmlNode* component) const {
        const xmlNode* identity = dom::child(component, "ConceptIdentity");
        if (identity == nullptr) fail(component, "component lacks its ConceptIdentity");
        ConceptRef result;
        result.scheme = read_reference(identity, &result.concept_id);
        return result;
    }

    Codelist read_codelist(const xmlNode* node) const {
        Codelist codelist;
        read_maintainable(node, codelist);
        for (const xmlNode* c = first_child(node); c; c = next_sibling(c)) {
            if (!dom::is(c, ns_.structure, "Code")) continue;
            Code code;
            code.id = required(c, "id");
            read_nameable(c, code.annotations, code.name, code.description);
            if (const xmlNode* parent = dom::child(c, "Parent")) code.parent = read_local_id(parent);
            codelist.add(std::move(code));
        }
        return codelist;
    }

    ConceptScheme read_concept_scheme(const xmlNode* node) const {
        ConceptScheme scheme;
        read_maintainable(node, scheme);
        for (const xmlNode* c = first_child(node); c; c = next_sibling(c)) {
            if (!dom::is(c, ns_.structure, "Concept")) continue;
            Concept item;
            item.id = required(c, "id");
            read_nameable(c, item.annotations, item.name, item.description);
            item.core_representation = read_representation(dom::child(c, "CoreRepresentation"));
            scheme.add(std::move(item));
        }
        return scheme;
    }

    Dimension read_dimension(const xmlNode* node) const {
        Dimension dimension;
        dimension.concept_identity = read_concept_identity(node);
        dimension.id = attribute_or(node, "id", dimension.concept_identity.concept_id);
        dimension.local_representation = read_representation(dom::child(node, "LocalRepresentation"));
        if (const xmlNode* a = dom::child(node, "Annotations")) ml21::read_annotations(a, dimension.annotations);
        return dimension;
    }

    DataAttribute read_attribute(const xmlNode* node) const {
        DataAttribute attribute_definition;
        attribute_definition.concept_identity = read_concept_identity(node);
        attribute_definition.id = attribute_or(node, "id", attribute_definition.concept_identity.concept_id);
        attribute_definition.mandatory =
            attribute_or(node, "assignmentStatus", "") == "Mandatory" || attribute_or(node, "usage", "") == "mandatory";
        attribute_definition.local_representation = read_representation(dom::child(node, "LocalRepresentation"));
        if (const xmlNode* a = dom::child(node, "Annotations")) {
            ml21::read_annotations(a, attribute_definition.annotations);
        }
        const xmlNode* relationship = dom::child(node, "AttributeRelationship");
        if (relationship == nullptr) fail(node, "attribute lacks its AttributeRelationship");
        auto& result = attribute_definition.relationship;
        for (const xmlNode* c = first_child(relationship); c; c = next_sibling(c)) {
            auto name = local_name(c);
            if (name == "None" || name == "Dataflow") {
                result.level = AttachmentLevel::DataSet;
            } else if (name == "PrimaryMeasure" || name == "Observation") {
                result.level = AttachmentLevel::Observation;
            } else if (name == "Group") {
                result.level = AttachmentLevel::Group;
                result.group = read_local_id(c);
            } else if (name == "Dimension") {
                result.level = AttachmentLevel::Series;
                result.dimensions.push_back(read_local_id(c));
            } else if (name == "AttachmentGroup") {
                result.group = read_local_id(c);
            }
        }
        return attribute_definition;
    }

    DataStructure read_data_structure(const xmlNode* node) const {
        DataStructure dsd;
        read_maintainable(node, dsd);
        const xmlNode* components = dom::child(node, "DataStructureComponents");
        if (components == nullptr) fail(node, "DataStructure lacks DataStructureComponents");
        for (const xmlNode* list = first_child(components); list; list = next_sibling(list)) {
            auto list_name = local_name(list);
            if (list_name == "DimensionList") {
                for (const xmlNode* d = first_child(list); d; d = next_sibling(d)) {
                    auto name = local_name(d);
                    if (name == "TimeDimension") {
                        dsd.time_dimension = read_dimension(d);
                    } else if (name == "Dimension" || name == "MeasureDimension") {
                        dsd.dimensions.push_back(read_dimension(d));
                    }
                }
            } else if (list_name == "Group") {
                GroupDimensionDescriptor group;
                group.id = required(list, "id");
                for (const xmlNode* g = first_child(list); g; g = next_sibling(g)) {
                    if (local_name(g) != "GroupDimension") continue;
                    if (const xmlNode* r = dom::child(g, "DimensionReference")) {
                        group.dimensions.push_back(read_local_id(r));
                    }
                }
                dsd.groups.push_back(std::move(group));
            } else if (list_name == "AttributeList") {
                for (const xmlNode* a = first_child(list); a; a = next_sibling(a)) {
                    if (local_name(a) == "Attribute") dsd.attributes.push_back(read_attribute(a));
                }
            } else if (list_name == "MeasureList") {
                const xmlNode* m = dom::child(list, "PrimaryMeasure");
                if (m == nullptr) m = dom::child(list, "Measure");  // 3.0: the first measure
                if (m != nullptr) {
                    dsd.primary_measure.concept_identity = read_concept_identity(m);
                    dsd.primary_measure.id = attribute_or(m, "id", "OBS_VALUE");
                    dsd.primary_measure.local_representation =
                        read_representation(dom::child(m, "LocalRepresentation"));
                }
            }
        }
        return dsd;
    }

    Dataflow read_dataflow(const xmlNode* node) const {
        Dataflow dataflow;
        read_maintainable(node, dataflow);
        if (const xmlNode* s = dom::child(node, "Structure")) dataflow.structure = read_reference(s);
        return dataflow;
    }

    // An organisation scheme (agencies, data providers): items with names only.
    template <typename Scheme>
    Scheme read_organisation_scheme(const xmlNode* node, const char* item_element) const {
        Scheme scheme;
        read_maintainable(node, scheme);
        for (const xmlNode* c = first_child(node); c; c = next_sibling(c)) {
            if (!dom::is(c, ns_.structure, item_element)) continue;
            typename decltype(scheme.items)::value_type item;
            item.id = required(c, "id");
            read_nameable(c, item.annotations, item.name, item.description);
            scheme.add(std::move(item));
        }
        return scheme;
    }

    ProvisionAgreement read_provision_agreement(const xmlNode* node) const {
        ProvisionAgreement agreement;
        read_maintainable(node, agreement);
        const xmlNode* usage = dom::child(node, "StructureUsage");
        if (usage == nullptr) usage = dom::child(node, "Dataflow");  // 3.0
        if (usage != nullptr) agreement.dataflow = read_reference(usage);
        if (const xmlNode* p = dom::child(node, "DataProvider")) {
            agreement.provider_scheme = read_reference(p, &agreement.provider_id);
        }
        return agreement;
    }

    ContentConstraint read_constraint(const xmlNode* node) const {
        ContentConstraint constraint;
        read_maintainable(node, constraint);
        if (const xmlNode* attachment = dom::child(node, "ConstraintAttachment")) {
            for (const xmlNode* c = first_child(attachment); c; c = next_sibling(c)) {
                auto name = local_name(c);
                if (name == "DataStructure") constraint.data_structures.push_back(read_reference(c));
                if (name == "Dataflow") constraint.dataflows.push_back(read_reference(c));
            }
        }
        for (const xmlNode* region = first_child(node); region; region = next_sibling(region)) {
            if (local_name(region) != "CubeRegion") continue;
            auto& target =
                attribute_or(region, "include", "true") == "false" ? constraint.excluded : constraint.included;
            for (const xmlNode* k = first_child(region); k; k = next_sibling(k)) {
                auto name = local_name(k);
                if (name != "KeyValue" && name != "Attribute" && name != "Component") continue;
                auto& codes = target[required(k, "id")];
                for (const xmlNode* v = first_child(k); v; v = next_sibling(v)) {
                    if (local_name(v) == "Value") codes.insert(dom::text(v));
                }
            }
        }
        return constraint;
    }

private:
    std::string file_;
    const MlNamespaces& ns_;
};

StructureSet read_structures(XmlReader& reader) {
    StructureSet structures;
    const MlNamespaces* ns = &namespaces_of(MlVersion::v2_1);
    std::optional<ArtefactParser> parser;
    bool saw_root = false;
    bool more = reader.read();
    while (more) {
        if (!reader.is_element()) {
            more = reader.read();
            continue;
        }
        if (!saw_root) {
            saw_root = true;
            const auto root_ns = reader.namespace_uri();
            if (root_ns == ml30::kMessageNs || root_ns == ml30::kStructureNs) {
                ns = &namespaces_of(MlVersion::v3_0);
            } else if (root_ns != kMessageNs && root_ns != kStructureNs) {
                throw InputError(reader.file(), static_cast<std::uint64_t>(reader.line()), 0,
                                 "not an SDMX-ML 2.1 or 3.0 structure message (root element '" +
                                     std::string(reader.local_name()) + "' in namespace '" + std::string(root_ns) +
                                     "')");
            }
            parser.emplace(reader.file(), *ns);
        }
        if (reader.namespace_uri() == ns->structure) {
            auto name = reader.local_name();
            bool handled = true;
            if (name == "Codelist") {
                structures.codelists.push_back(parser->read_codelist(reader.expand()));
            } else if (name == "ConceptScheme") {
                structures.concept_schemes.push_back(parser->read_concept_scheme(reader.expand()));
            } else if (name == "DataStructure") {
                structures.data_structures.push_back(parser->read_data_structure(reader.expand()));
            } else if (name == "Dataflow") {
                structures.dataflows.push_back(parser->read_dataflow(reader.expand()));
            } else if (name == "DataProviderScheme") {
                structures.data_provider_schemes.push_back(
                    parser->read_organisation_scheme<DataProviderScheme>(reader.expand(), "DataProvider"));
            } else if (name == "ProvisionAgreement") {
                structures.provision_agreements.push_back(parser->read_provision_agreement(reader.expand()));
            } else if (name == "ContentConstraint" || name == "DataConstraint") {
                structures.content_constraints.push_back(parser->read_constraint(reader.expand()));
            } else if (name == "AgencyScheme") {
                structures.agency_schemes.push_back(
                    parser->read_organisation_scheme<AgencyScheme>(reader.expand(), "Agency"));
            } else if (name == "DataConsumerScheme" || name == "OrganisationUnitScheme" || name == "CategoryScheme" ||
                       name == "HierarchicalCodelist" || name == "ValueList" || name == "AttachmentConstraint" ||
                       name == "StructureSet" || name == "MetadataStructure" || name == "Categorisation") {
                // Not used yet: skip the subtree without building it.
            } else {
                handled = false;
            }
            if (handled) {
                more = reader.skip();
                continue;
            }
        }
        more = reader.read();
    }
    if (!saw_root) throw InputError(reader.file(), 0, 0, "empty document (expected an SDMX-ML message)");
    return structures;
}

}  // namespace

StructureSet read_structure_file(const std::filesystem::path& path) {
    auto reader = XmlReader::open_file(path);
    return read_structures(reader);
}

StructureSet read_structure_memory(std::string_view bytes, const std::string& name) {
    auto reader = XmlReader::open_memory(bytes, name);
    return read_structures(reader);
}

}  // namespace csdmx::sdmx::ml21
