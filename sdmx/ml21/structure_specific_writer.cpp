#include "sdmx/ml21/common_writer.h"
#include "sdmx/ml21/data_header_writer.h"
#include "sdmx/ml21/data_writers.h"
#include "sdmx/ml21/dsd_schema_writer.h"
#include "sdmx/ml21/namespaces.h"

namespace csdmx::sdmx::ml21 {

namespace {

// Components are unqualified XML attributes: dimensions and series attributes on
// Series, time, value and observation attributes on Obs (Part IV §3); data-set
// attributes on DataSet (2.1) or on a keyless Atts element (3.0).
class StructureSpecificWriter final : public DataWriter {
public:
    StructureSpecificWriter(ByteSink& output, MlVersion version) : xml_(output), version_(version) {}

    void begin(const MessageHeader& header, const DataSetDescription& dataset) override {
        layout_ = dataset.layout;
        series_annotations_ = dataset.series_annotations;
        series_ = dataset.data_layout == DataLayout::time_series;
        const auto level = series_ ? ObservationLevel::time_period : ObservationLevel::all_dimensions;
        const std::string dsd_namespace = dsd_schema_namespace(dataset.structure, level);
        const auto& ns = namespaces_of(version_);

        xml_.start_document();
        xml_.start("message:StructureSpecificData");
        xml_.attribute("xmlns:message", ns.message);
        xml_.attribute("xmlns:common", ns.common);
        xml_.attribute("xmlns:ss", ns.structure_specific);
        xml_.attribute("xmlns:xsi", kXsiNs);
        xml_.attribute("xmlns:ns1", dsd_namespace);
        write_data_header(xml_, header, dataset, dsd_namespace, version_);

        xml_.start("message:DataSet");
        xml_.attribute("ss:structureRef", structure_local_id(dataset.structure));
        xml_.attribute("xsi:type", "ns1:DataSetType");
        // gone in 3.0; in 2.1 the scope of validation follows the referenced structure
        if (version_ == MlVersion::v2_1) {
            xml_.attribute("ss:dataScope", dataset.dataflow.empty() ? "DataStructure" : "Dataflow");
        }
        xml_.attribute("ss:action", dataset.action);
        // 2.1: data-set-level attributes are XML attributes of DataSet (Part IV §3,
        // DataSetType). 3.0 gives DataSet no component attributes: they go in an
        // Atts element without key (3.0 Part IV, "DataSetType" and "AttsType").
        if (version_ == MlVersion::v2_1) write_data_set_attributes(dataset);
        write_annotations(xml_, dataset.annotations);
        if (dataset.provider) write_provider(xml_, "DataProvider", *dataset.provider, version_);
        if (version_ == MlVersion::v3_0 && has_value(dataset.attributes)) {
            xml_.start("Atts");
            write_data_set_attributes(dataset);
            xml_.end();
        }
    }

    void write(const Observation& observation) override {
        const std::size_t time_position = layout_.key_ids.size() - 1;
        if (series_ && series_tracker_.starts_series(observation)) {
            if (in_series_) xml_.end();
            xml_.start("Series");
            for (std::size_t i = 0; i < time_position; ++i) xml_.attribute(layout_.key_ids[i], observation.key[i]);
            write_attributes(observation, true);
            write_annotations(xml_, series_annotations_);
            in_series_ = true;
        }
        xml_.start("Obs");
        for (std::size_t i = series_ ? time_position : 0; i < layout_.key_ids.size(); ++i) {
            xml_.attribute(layout_.key_ids[i], observation.key[i]);
        }
        if (!observation.value.empty()) xml_.attribute(layout_.measure_id, observation.value);
        write_attributes(observation, false);
        xml_.end();
    }

    void finish(const StructureSet& /*structures*/) override {
        if (in_series_) xml_.end();
        xml_.end_document();
    }

private:
    static bool has_value(const std::vector<std::pair<std::string, std::string>>& attributes) {
        for (const auto& attribute : attributes) {
            if (!attribute.second.empty()) return true;
        }
        return false;
    }

    void write_data_set_attributes(const DataSetDescription& dataset) {
        for (const auto& [id, value] : dataset.attributes) {
            if (!value.empty()) xml_.attribute(id, value);
        }
    }

    void write_attributes(const Observation& observation, bool series_level) {
        for (std::size_t i = 0; i < layout_.attribute_ids.size(); ++i) {
            if (layout_.on_series(i, series_) != series_level || observation.attributes[i].empty()) continue;
            xml_.attribute(layout_.attribute_ids[i], observation.attributes[i]);
        }
    }

    XmlWriter xml_;
    MlVersion version_;
    ObservationLayout layout_;
    bool series_ = true;
    bool in_series_ = false;
    SeriesTracker series_tracker_;
    Annotations series_annotations_;
};

}  // namespace

std::unique_ptr<DataWriter> make_structure_specific_writer(ByteSink& output, MlVersion version) {
    return std::make_unique<StructureSpecificWriter>(output, version);
}

}  // namespace csdmx::sdmx::ml21
