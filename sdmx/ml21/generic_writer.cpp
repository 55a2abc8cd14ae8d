#include "sdmx/ml21/common_writer.h"
#include "sdmx/ml21/data_header_writer.h"
#include "sdmx/ml21/data_writers.h"
#include "sdmx/ml21/namespaces.h"

namespace csdmx::sdmx::ml21 {

namespace {

// Every component value is a generic:Value id/value pair, grouped under
// SeriesKey / ObsKey (or ObsDimension) and Attributes.
class GenericWriter final : public DataWriter {
public:
    explicit GenericWriter(ByteSink& output) : xml_(output) {}

    void begin(const MessageHeader& header, const DataSetDescription& dataset) override {
        layout_ = dataset.layout;
        series_ = dataset.data_layout == DataLayout::time_series;

        xml_.start_document();
        xml_.start("message:GenericData");
        xml_.attribute("xmlns:message", kMessageNs);
        xml_.attribute("xmlns:common", kCommonNs);
        xml_.attribute("xmlns:generic", kGenericNs);
        write_data_header(xml_, header, dataset, {});

        xml_.start("message:DataSet");
        xml_.attribute("structureRef", structure_local_id(dataset.structure));
        xml_.attribute("action", dataset.action);
        write_annotations(xml_, dataset.annotations);
        if (dataset.provider) write_provider(xml_, "generic:DataProvider", *dataset.provider);
        bool any = false;
        for (const auto& [id, value] : dataset.attributes) {
            if (value.empty()) continue;
            if (!any) xml_.start("generic:Attributes");
            any = true;
            write_value(id, value);
        }
        if (any) xml_.end();
    }

    void write(const Observation& observation) override {
        const std::size_t time_position = layout_.key_ids.size() - 1;
        if (series_ && series_tracker_.starts_series(observation)) {
            if (in_series_) xml_.end();
            // No Annotations on generic Series: readsdmx (0.3) crashes on them. What the
            // data set's series annotations say is on the data set too (DataSetDescription).
            xml_.start("generic:Series");
            xml_.start("generic:SeriesKey");
            for (std::size_t i = 0; i < time_position; ++i) write_value(layout_.key_ids[i], observation.key[i]);
            xml_.end();
            write_attributes(observation, true);
            in_series_ = true;
        }
        xml_.start("generic:Obs");
        if (series_) {
            xml_.start("generic:ObsDimension");
            xml_.attribute("value", observation.key[time_position]);
            xml_.end();
        } else {
            xml_.start("generic:ObsKey");
            for (std::size_t i = 0; i < layout_.key_ids.size(); ++i)
                write_value(layout_.key_ids[i], observation.key[i]);
            xml_.end();
        }
        if (!observation.value.empty()) {
            xml_.start("generic:ObsValue");
            xml_.attribute("value", observation.value);
            xml_.end();
        }
        write_attributes(observation, false);
        xml_.end();
    }

    void finish(const StructureSet& /*structures*/) override {
        if (in_series_) xml_.end();
        xml_.end_document();
    }

private:
    void write_value(const std::string& id, const std::string& value) {
        xml_.start("generic:Value");
        xml_.attribute("id", id);
        xml_.attribute("value", value);
        xml_.end();
    }

    void write_attributes(const Observation& observation, bool series_level) {
        bool any = false;
        for (std::size_t i = 0; i < layout_.attribute_ids.size(); ++i) {
            if (layout_.on_series(i, series_) != series_level || observation.attributes[i].empty()) continue;
            if (!any) xml_.start("generic:Attributes");
            any = true;
            write_value(layout_.attribute_ids[i], observation.attributes[i]);
        }
        if (any) xml_.end();
    }

    XmlWriter xml_;
    ObservationLayout layout_;
    bool series_ = true;
    bool in_series_ = false;
    SeriesTracker series_tracker_;
};

}  // namespace

std::unique_ptr<DataWriter> make_generic_writer(ByteSink& output) {
    return std::make_unique<GenericWriter>(output);
}

}  // namespace csdmx::sdmx::ml21
