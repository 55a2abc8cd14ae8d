#include "sdmx/ml21/dsd_schema_writer.h"

#include <map>
#include <set>

#include "core/byte_sink.h"
#include "sdmx/ml21/namespaces.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::sdmx::ml21 {

namespace {

// SDMX data type -> XML Schema type (Part IV §3, "Representation with Text Format").
std::string base_type(const std::string& sdmx_type) {
    static const std::map<std::string, std::string> kTypes = {
        {"String", "xs:string"},
        {"AlphaNumeric", "common:AlphaNumericType"},
        {"Alpha", "common:AlphaType"},
        {"Numeric", "common:NumericType"},
        {"BigInteger", "xs:integer"},
        {"Integer", "xs:int"},
        {"Long", "xs:long"},
        {"Short", "xs:short"},
        {"Decimal", "xs:decimal"},
        {"Float", "xs:float"},
        {"Double", "xs:double"},
        {"Boolean", "xs:boolean"},
        {"URI", "xs:anyURI"},
        {"Count", "xs:integer"},
        {"InclusiveValueRange", "xs:decimal"},
        {"ExclusiveValueRange", "xs:decimal"},
        {"Incremental", "xs:decimal"},
        {"ObservationalTimePeriod", "common:ObservationalTimePeriodType"},
        {"StandardTimePeriod", "common:StandardTimePeriodType"},
        {"BasicTimePeriod", "common:BasicTimePeriodType"},
        {"GregorianTimePeriod", "common:GregorianTimePeriodType"},
        {"GregorianYear", "xs:gYear"},
        {"GregorianYearMonth", "xs:gYearMonth"},
        {"GregorianDay", "xs:date"},
        {"ReportingTimePeriod", "common:ReportingTimePeriodType"},
        {"ReportingYear", "common:ReportingYearType"},
        {"ReportingSemester", "common:ReportingSemesterType"},
        {"ReportingTrimester", "common:ReportingTrimesterType"},
        {"ReportingQuarter", "common:ReportingQuarterType"},
        {"ReportingMonth", "common:ReportingMonthType"},
        {"ReportingWeek", "common:ReportingWeekType"},
        {"ReportingDay", "common:ReportingDayType"},
        {"DateTime", "xs:dateTime"},
        {"TimeRange", "common:TimeRangeType"},
        {"Month", "xs:gMonth"},
        {"MonthDay", "xs:gMonthDay"},
        {"Day", "xs:gDay"},
        {"Time", "xs:time"},
        {"Duration", "xs:duration"},
    };
    auto found = kTypes.find(sdmx_type);
    return found == kTypes.end() ? "xs:string" : found->second;
}

bool has_facets(const TextFormat& format) {
    return format.min_length || format.max_length || format.min_value || format.max_value || format.decimals ||
           format.pattern;
}

bool is_numeric_type(const std::string& xs_type) {
    return xs_type == "xs:decimal" || xs_type == "xs:integer" || xs_type == "xs:int" || xs_type == "xs:long" ||
           xs_type == "xs:short" || xs_type == "xs:float" || xs_type == "xs:double";
}

class SchemaBuilder {
public:
    SchemaBuilder(const DataStructure& dsd, const StructureSet& structures, DsdSchema& result)
        : dsd_(dsd), structures_(structures), result_(result) {}

    // Registers the type of a component and returns its qualified name.
    std::string type_of(const std::string& component_id, const ConceptRef& identity,
                        const std::optional<Representation>& local) {
        auto representation = structures_.representation_of(identity, local);
        if (representation && representation->enumeration) {
            const auto& ref = *representation->enumeration;
            const Codelist* codelist = structures_.find_codelist(ref);
            if (codelist == nullptr) {
                result_.missing_codelists.push_back(ref.to_string() + " (for " + component_id + ")");
                return "common:IDType";
            }
            std::string name =
                "Codelist." + codelist->ref.agency + "." + codelist->ref.id + "." + codelist->ref.version;
            codelists_.emplace(name, codelist);
            return name;
        }
        if (representation && representation->text_format) {
            const auto& format = *representation->text_format;
            std::string base = base_type(format.text_type);
            if (!has_facets(format)) return base;
            std::string name = "Component." + component_id;
            faceted_.emplace(name, std::make_pair(base, format));
            return name;
        }
        return "xs:string";
    }

    void write_simple_types(XmlWriter& xml) {
        for (const auto& [name, codelist] : codelists_) {
            xml.start("xs:simpleType");
            xml.attribute("name", name);
            xml.start("xs:restriction");
            xml.attribute("base", "common:IDType");
            for (const auto& code : codelist->items) {
                xml.start("xs:enumeration");
                xml.attribute("value", code.id);
                xml.end();
            }
            xml.end();
            xml.end();
        }
        for (const auto& [name, definition] : faceted_) {
            const auto& [base, format] = definition;
            xml.start("xs:simpleType");
            xml.attribute("name", name);
            xml.start("xs:restriction");
            xml.attribute("base", base);
            auto facet = [&](const char* element, const std::optional<std::string>& value) {
                if (!value) return;
                xml.start(element);
                xml.attribute("value", *value);
                xml.end();
            };
            bool numeric = is_numeric_type(base);
            bool exclusive = format.text_type == "ExclusiveValueRange";
            facet("xs:minLength", format.min_length);
            facet("xs:maxLength", format.max_length);
            if (numeric) {
                facet(exclusive ? "xs:minExclusive" : "xs:minInclusive", format.min_value);
                facet(exclusive ? "xs:maxExclusive" : "xs:maxInclusive", format.max_value);
                if (base == "xs:decimal") facet("xs:fractionDigits", format.decimals);
            }
            facet("xs:pattern", format.pattern);
            xml.end();
            xml.end();
        }
    }

private:
    const DataStructure& dsd_;
    const StructureSet& structures_;
    DsdSchema& result_;
    std::map<std::string, const Codelist*> codelists_;
    std::map<std::string, std::pair<std::string, TextFormat>> faceted_;
};

struct AttributeUse {
    std::string name;
    std::string type;
    const char* use;
};

void write_attributes(XmlWriter& xml, const std::vector<AttributeUse>& uses) {
    for (const auto& use : uses) {
        xml.start("xs:attribute");
        xml.attribute("name", use.name);
        xml.attribute("type", use.type);
        xml.attribute("use", use.use);
        xml.end();
    }
}

void write_restriction_start(XmlWriter& xml, const char* name, const char* base) {
    xml.start("xs:complexType");
    xml.attribute("name", name);
    xml.start("xs:complexContent");
    xml.start("xs:restriction");
    xml.attribute("base", base);
    xml.start("xs:sequence");
    xml.start("xs:element");
    xml.attribute("ref", "common:Annotations");
    xml.attribute("minOccurs", "0");
    xml.end();
}

void write_local_element(XmlWriter& xml, const char* name, const char* type, const char* min_occurs,
                         const char* max_occurs) {
    xml.start("xs:element");
    xml.attribute("name", name);
    xml.attribute("type", type);
    xml.attribute("form", "unqualified");
    if (min_occurs) xml.attribute("minOccurs", min_occurs);
    if (max_occurs) xml.attribute("maxOccurs", max_occurs);
    xml.end();
}

void write_restriction_end(XmlWriter& xml) {
    xml.end();  // restriction
    xml.end();  // complexContent
    xml.end();  // complexType
}

}  // namespace

std::string dsd_schema_namespace(const MaintainableRef& dsd, ObservationLevel level) {
    return urn(ArtefactClass::DataStructure, dsd) +
           ":ObsLevelDim:" + (level == ObservationLevel::all_dimensions ? "AllDimensions" : "TIME_PERIOD");
}

DsdSchema write_dsd_schema(const DataStructure& dsd, const StructureSet& structures, ObservationLevel level,
                           const std::string& schema_directory, MlVersion version) {
    DsdSchema result;
    result.target_namespace = dsd_schema_namespace(dsd.ref, level);
    SchemaBuilder types(dsd, structures, result);
    const bool flat = level == ObservationLevel::all_dimensions;
    const bool v30 = version == MlVersion::v3_0;
    const auto& ns = namespaces_of(version);

    // Components by where they appear; all attributes are optional (Part IV §3).
    // `atts_uses`: SDMX-ML 3.0's AttsType: every dimension and every attribute not
    // attached to the observation, all optional (3.0 Part IV, "AttsType").
    std::vector<AttributeUse> dataset_uses, series_uses, obs_uses, atts_uses;
    for (const auto& dimension : dsd.dimensions) {
        std::string type = types.type_of(dimension.id, dimension.concept_identity, dimension.local_representation);
        atts_uses.push_back({dimension.id, type, "optional"});
        (flat ? obs_uses : series_uses).push_back({dimension.id, std::move(type), "required"});
    }
    if (dsd.time_dimension && (flat || v30)) {
        // Typed directly as ObservationalTimePeriodType: Xerces-C 3.2 rejects a named
        // restriction of this union type.
        obs_uses.push_back({dsd.time_dimension->id, "common:ObservationalTimePeriodType", "required"});
    }
    obs_uses.push_back({dsd.primary_measure.id,
                        types.type_of(dsd.primary_measure.id, dsd.primary_measure.concept_identity,
                                      dsd.primary_measure.local_representation),
                        "optional"});
    for (const auto& attribute : dsd.attributes) {
        AttributeUse use{attribute.id,
                         types.type_of(attribute.id, attribute.concept_identity, attribute.local_representation),
                         "optional"};
        // Atts holds values for no or a partial key: never those of one observation
        // (as the TWG's 3.0 sample schema, ECB_EXR_Dataflow.xsd, has it).
        if (attribute.relationship.level != AttachmentLevel::Observation) atts_uses.push_back(use);
        switch (attribute.relationship.level) {
            case AttachmentLevel::DataSet:
                dataset_uses.push_back(use);
                break;
            case AttachmentLevel::Observation:
                obs_uses.push_back(use);
                break;
            case AttachmentLevel::Series:
            case AttachmentLevel::Group:
                (flat ? obs_uses : series_uses).push_back(use);
                break;
        }
    }
    const AttributeUse no_reporting_start{"REPORTING_YEAR_START_DAY", "xs:gMonthDay", "prohibited"};

    StringSink sink(result.xsd);
    XmlWriter xml(sink);
    xml.start_document();
    xml.start("xs:schema");
    xml.attribute("xmlns:xs", kXsNs);
    xml.attribute("xmlns", result.target_namespace);
    xml.attribute("xmlns:common", ns.common);
    xml.attribute("xmlns:dsd", ns.structure_specific);
    xml.attribute("targetNamespace", result.target_namespace);
    xml.attribute("elementFormDefault", "qualified");
    xml.attribute("attributeFormDefault", "unqualified");
    std::string directory = schema_directory;
    if (!directory.empty() && directory.back() != '/') directory += '/';
    xml.start("xs:import");
    xml.attribute("namespace", ns.structure_specific);
    xml.attribute("schemaLocation", directory + "SDMXDataStructureSpecific.xsd");
    xml.end();
    xml.start("xs:import");
    xml.attribute("namespace", ns.common);
    xml.attribute("schemaLocation", directory + "SDMXCommon.xsd");
    xml.end();

    types.write_simple_types(xml);

    write_restriction_start(xml, "DataSetType", flat || v30 ? "dsd:DataSetType" : "dsd:TimeSeriesDataSetType");
    write_local_element(xml, "DataProvider", "common:DataProviderReferenceType", "0", nullptr);
    xml.start("xs:choice");
    xml.attribute("minOccurs", "0");
    if (v30) {
        xml.attribute("maxOccurs", "unbounded");
        write_local_element(xml, "Atts", "AttsType", nullptr, nullptr);
        write_local_element(xml, flat ? "Obs" : "Series", flat ? "ObsType" : "SeriesType", nullptr, nullptr);
    } else {
        write_local_element(xml, flat ? "Obs" : "Series", flat ? "ObsType" : "SeriesType", nullptr, "unbounded");
    }
    xml.end();  // choice
    xml.end();  // sequence
    // 3.0's DataSet has no component attributes: data-set attributes are in Atts.
    if (!v30) write_attributes(xml, dataset_uses);
    write_attributes(xml, {no_reporting_start});
    write_restriction_end(xml);

    if (v30) {
        write_restriction_start(xml, "AttsType", "dsd:AttsType");
        xml.end();  // sequence
        // TIME_PERIOD stays as the base declares it (optional) unless the DSD has no time.
        if (!dsd.time_dimension)
            write_attributes(xml, {{"TIME_PERIOD", "common:ObservationalTimePeriodType", "prohibited"}});
        write_attributes(xml, atts_uses);
        write_restriction_end(xml);
    }

    if (!flat) {
        write_restriction_start(xml, "SeriesType", v30 ? "dsd:SeriesType" : "dsd:TimeSeriesType");
        write_local_element(xml, "Obs", "ObsType", "0", "unbounded");
        xml.end();  // sequence
        // 3.0's base SeriesType allows TIME_PERIOD; here it is at the observation level.
        if (v30) write_attributes(xml, {{"TIME_PERIOD", "common:ObservationalTimePeriodType", "prohibited"}});
        write_attributes(xml, series_uses);
        write_attributes(xml, {no_reporting_start});
        write_restriction_end(xml);
    }

    write_restriction_start(xml, "ObsType", flat || v30 ? "dsd:ObsType" : "dsd:TimeSeriesObsType");
    xml.end();  // sequence
    write_attributes(xml, obs_uses);
    if (flat) write_attributes(xml, {{"type", "common:IDType", "prohibited"}});
    write_attributes(xml, {no_reporting_start});
    write_restriction_end(xml);

    xml.end();  // schema
    xml.end_document();
    return result;
}

}  // namespace csdmx::sdmx::ml21
