#include "sdmx/ml21/data_header_writer.h"

#include "sdmx/ml21/common_writer.h"
#include "sdmx/ml21/data_writers.h"

namespace csdmx::sdmx::ml21 {

const char* dimension_at_observation(const DataSetDescription& dataset) {
    return dataset.data_layout == DataLayout::flat ? "AllDimensions" : "TIME_PERIOD";
}

void write_data_header(XmlWriter& xml, const MessageHeader& header, const DataSetDescription& dataset,
                       const std::string& ss_namespace, MlVersion version) {
    write_header_start(xml, header);
    xml.start("message:Structure");
    xml.attribute("structureID", structure_local_id(dataset.structure));
    if (!ss_namespace.empty()) xml.attribute("namespace", ss_namespace);
    xml.attribute("dimensionAtObservation", dimension_at_observation(dataset));
    // Registries load data against a dataflow: name it whenever there is one (the
    // 2.1 and 3.0 schemas allow one of ProvisionAgreement, StructureUsage, Structure).
    const bool by_dataflow = !dataset.dataflow.empty();
    const char* element = by_dataflow ? "common:StructureUsage" : "common:Structure";
    const auto& ref = by_dataflow ? dataset.dataflow : dataset.structure;
    if (version == MlVersion::v3_0) {
        xml.element(element, urn(by_dataflow ? ArtefactClass::Dataflow : ArtefactClass::DataStructure, ref));
    } else {
        xml.start(element);
        xml.start("Ref");
        xml.attribute("agencyID", ref.agency);
        xml.attribute("id", ref.id);
        xml.attribute("version", ref.version);
        xml.end();
        xml.end();
    }
    xml.end();
    // As real SDG data messages say it (the SDG DSD's own messages, Ghana's, Tajikistan's):
    // the message informs, it does not ask a registry to append, replace or delete; and it
    // names its data set, by its structure's id.
    xml.element("message:DataSetAction", "Information");
    xml.element("message:DataSetID", dataset.structure.id);
    xml.end();  // Header
}

void write_provider(XmlWriter& xml, const char* element, const DataProviderRef& provider, MlVersion version) {
    if (version == MlVersion::v3_0) {
        xml.element(element, item_urn(ArtefactClass::DataProviderScheme, provider.scheme, provider.id));
        return;
    }
    xml.start(element);
    xml.start("Ref");
    xml.attribute("agencyID", provider.scheme.agency);
    xml.attribute("maintainableParentID", provider.scheme.id);
    xml.attribute("maintainableParentVersion", provider.scheme.version);
    xml.attribute("id", provider.id);
    xml.end();
    xml.end();
}

}  // namespace csdmx::sdmx::ml21
