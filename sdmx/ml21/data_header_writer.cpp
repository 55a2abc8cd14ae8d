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
    if (version == MlVersion::v3_0) {
        xml.element("common:Structure", urn(ArtefactClass::DataStructure, dataset.structure));
    } else {
        xml.start("common:Structure");
        xml.start("Ref");
        xml.attribute("agencyID", dataset.structure.agency);
        xml.attribute("id", dataset.structure.id);
        xml.attribute("version", dataset.structure.version);
        xml.end();
        xml.end();
    }
    xml.end();
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
