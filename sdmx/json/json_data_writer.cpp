#include "sdmx/json/json_data_writer.h"

#include <rapidjson/writer.h>

#include <cctype>
#include <string_view>

#include "core/output_buffer.h"
#include "sdmx/json/value_index.h"

namespace csdmx::sdmx::json {

namespace {

// RapidJSON's output stream concept over a ByteSink, in blocks.
class SinkStream {
public:
    using Ch = char;
    explicit SinkStream(ByteSink& sink) : sink_(sink) {}
    void Put(char c) {
        buffer_.push_back(c);
        if (buffer_.size() >= kBlock) Flush();
    }
    void Flush() {
        sink_.write(buffer_.view());
        buffer_.clear();
    }
    // RapidJSON reserves room for what it is about to write (a string: up to six
    // bytes a character, a number: its digits), then puts it character by character
    // (PutUnsafe below) with no flush check: a call and a flush check per character
    // were a twentieth of writing an observation.
    void Reserve(std::size_t count) {
        if (buffer_.size() >= kBlock) Flush();
        buffer_.tail(count);  // the room, so that no PutUnsafe grows the buffer
    }
    void PutUnsafe(char c) { buffer_.push_back(c); }

private:
    static constexpr std::size_t kBlock = 1 << 16;
    ByteSink& sink_;
    OutputBuffer buffer_{kBlock + 16};
};

// Found by argument-dependent lookup from RapidJSON's writer, in place of its
// generic PutReserve (nothing) and PutUnsafe (Put) for any stream.
inline void PutReserve(SinkStream& stream, std::size_t count) {
    stream.Reserve(count);
}
inline void PutUnsafe(SinkStream& stream, char c) {
    stream.PutUnsafe(c);
}

using JsonWriter = rapidjson::Writer<SinkStream>;

// Ids in SDMX-JSON value lists must match this; anything else is a "value".
bool is_json_id(const std::string& text) {
    if (text.empty()) return false;
    for (unsigned char c : text) {
        if (!(std::isalnum(c) || c == '_' || c == '@' || c == '$' || c == '-')) return false;
    }
    return true;
}

// Whether the text is a JSON number (RFC 8259 §6) as it stands, so that values
// are written as numbers with exactly their digits. By hand: std::regex would cost
// more than the rest of the observation.
bool is_json_number(std::string_view text) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    if (i < text.size() && text[i] == '-') ++i;
    if (i < text.size() && text[i] == '0') {
        ++i;
    } else if (digits() == 0) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0) return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

void key(JsonWriter& json, const char* name) {
    json.Key(name);
}
void string(JsonWriter& json, const std::string& text) {
    json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// Names of components and codes, from the structures when they hold them.
class Names {
public:
    Names(const StructureSet& structures, const MaintainableRef& dsd_ref)
        : structures_(structures), dsd_(structures.find_data_structure(dsd_ref)) {}

    std::string component(const std::string& id) const {
        const ConceptRef* concept_identity = identity(id);
        if (concept_identity == nullptr) return id;
        const auto* scheme = structures_.find_concept_scheme(concept_identity->scheme);
        const auto* found = scheme ? scheme->find(concept_identity->concept_id) : nullptr;
        return found && !found->name.empty() ? found->name.text() : id;
    }

    // nullptr when the component is not coded or its codelist is not here.
    const Codelist* codelist(const std::string& id) const {
        if (dsd_ == nullptr) return nullptr;
        if (const auto* dimension = dsd_->find_dimension(id)) {
            return structures_.codelist_of(dimension->concept_identity, dimension->local_representation);
        }
        if (const auto* attribute = dsd_->find_attribute(id)) {
            return structures_.codelist_of(attribute->concept_identity, attribute->local_representation);
        }
        return nullptr;
    }

private:
    const ConceptRef* identity(const std::string& id) const {
        if (dsd_ == nullptr) return nullptr;
        if (const auto* dimension = dsd_->find_dimension(id)) return &dimension->concept_identity;
        if (const auto* attribute = dsd_->find_attribute(id)) return &attribute->concept_identity;
        if (dsd_->primary_measure.id == id) return &dsd_->primary_measure.concept_identity;
        return nullptr;
    }

    const StructureSet& structures_;
    const DataStructure* dsd_;
};

class JsonDataWriter final : public DataWriter {
public:
    explicit JsonDataWriter(ByteSink& output) : stream_(output), json_(stream_) {}

    void begin(const MessageHeader& header, const DataSetDescription& dataset) override {
        dataset_ = dataset;
        const auto& layout = dataset_.layout;
        series_ = dataset.data_layout == DataLayout::time_series;
        dimension_values_.resize(layout.key_ids.size());
        attribute_values_.resize(layout.attribute_ids.size());

        json_.StartObject();
        write_meta(header);
        key(json_, "data");
        json_.StartObject();
        key(json_, "dataSets");
        json_.StartArray();
        json_.StartObject();
        key(json_, "structure");
        json_.Uint(0);
        key(json_, "action");
        string(json_, dataset.action);
        key(json_, "links");
        json_.StartArray();
        write_link(dataset.dataflow.empty() ? "datastructure" : "dataflow", structure_urn());
        json_.EndArray();
        if (!dataset.annotations.empty()) {
            key(json_, "annotations");
            json_.StartArray();
            for (std::size_t i = 0; i < dataset.annotations.size(); ++i) json_.Uint(static_cast<unsigned>(i));
            json_.EndArray();
        }
        if (!dataset.attributes.empty()) {
            // Each data-set attribute has one value, listed at index 0.
            key(json_, "attributes");
            json_.StartArray();
            for (const auto& [id, value] : dataset.attributes) {
                if (value.empty())
                    json_.Null();
                else
                    json_.Uint(0);
            }
            json_.EndArray();
        }
        key(json_, series_ ? "series" : "observations");
        json_.StartObject();
    }

    void write(const Observation& observation) override {
        const auto& layout = dataset_.layout;
        const std::size_t time_position = layout.key_ids.size() - 1;
        if (series_ && series_tracker_.starts_series(observation)) {
            if (in_series_) end_series();
            key_.clear();
            for (std::size_t i = 0; i < time_position; ++i) append_index(i, observation.key[i]);
            json_.Key(key_.data(), static_cast<rapidjson::SizeType>(key_.size()));
            json_.StartObject();
            if (!dataset_.series_annotations.empty()) {
                // Indexes into structure.annotations, after the data set's own.
                key(json_, "annotations");
                json_.StartArray();
                const std::size_t first = dataset_.annotations.size();
                for (std::size_t i = 0; i < dataset_.series_annotations.size(); ++i) {
                    json_.Uint(static_cast<unsigned>(first + i));
                }
                json_.EndArray();
            }
            bool any = false;
            for (std::size_t i = 0; i < layout.attribute_ids.size(); ++i) any |= layout.on_series(i, true);
            if (any) {
                key(json_, "attributes");
                json_.StartArray();
                for (std::size_t i = 0; i < layout.attribute_ids.size(); ++i) {
                    if (layout.on_series(i, true)) write_attribute(i, observation.attributes[i], true);
                }
                json_.EndArray();
            }
            key(json_, "observations");
            json_.StartObject();
            in_series_ = true;
        }
        key_.clear();
        for (std::size_t i = series_ ? time_position : 0; i < layout.key_ids.size(); ++i) {
            append_index(i, observation.key[i]);
        }
        json_.Key(key_.data(), static_cast<rapidjson::SizeType>(key_.size()));
        json_.StartArray();
        if (observation.value.empty())
            json_.Null();
        else if (is_json_number(observation.value))
            json_.RawValue(observation.value.data(), observation.value.size(), rapidjson::kNumberType);
        else
            string(json_, observation.value);
        for (std::size_t i = 0; i < layout.attribute_ids.size(); ++i) {
            if (!layout.on_series(i, series_)) write_attribute(i, observation.attributes[i], false);
        }
        json_.EndArray();
    }

    void finish(const StructureSet& structures) override {
        if (in_series_) end_series();
        json_.EndObject();  // series or observations
        json_.EndObject();  // the data set
        json_.EndArray();   // dataSets
        write_structure(Names(structures, dataset_.structure), structures);
        json_.EndObject();  // data
        json_.EndObject();
        stream_.Flush();
    }

private:
    void write_meta(const MessageHeader& header) {
        key(json_, "meta");
        json_.StartObject();
        key(json_, "schema");
        json_.String(kDataSchemaUrl);
        key(json_, "id");
        string(json_, header.id);
        key(json_, "test");
        json_.Bool(header.test);
        key(json_, "prepared");
        string(json_, header.prepared);
        key(json_, "contentLanguages");
        json_.StartArray();
        json_.String("en");
        json_.EndArray();
        key(json_, "sender");
        json_.StartObject();
        key(json_, "id");
        string(json_, header.sender_id);
        if (!header.sender_name.empty()) {
            key(json_, "name");
            string(json_, header.sender_name.text());
        }
        json_.EndObject();
        json_.EndObject();
    }

    std::string structure_urn() const {
        return dataset_.dataflow.empty() ? urn(ArtefactClass::DataStructure, dataset_.structure)
                                         : urn(ArtefactClass::Dataflow, dataset_.dataflow);
    }

    void write_link(const char* rel, const std::string& target_urn) {
        json_.StartObject();
        key(json_, "rel");
        json_.String(rel);
        key(json_, "urn");
        string(json_, target_urn);
        json_.EndObject();
    }

    void append_index(std::size_t position, const std::string& value) {
        if (!key_.empty()) key_ += ':';
        key_ += std::to_string(dimension_values_[position].index_of(value));
    }

    void write_attribute(std::size_t i, const std::string& value, bool series_level) {
        if (value.empty()) {
            json_.Null();
        } else if (series_level || dataset_.layout.is_coded(i)) {
            json_.Uint(attribute_values_[i].index_of(value));
        } else {
            string(json_, value);
        }
    }

    void end_series() {
        json_.EndObject();  // observations
        json_.EndObject();  // the series
        in_series_ = false;
    }

    void write_structure(const Names& names, const StructureSet& structures) {
        const auto& layout = dataset_.layout;
        key(json_, "structures");
        json_.StartArray();
        json_.StartObject();
        key(json_, "links");
        json_.StartArray();
        if (!dataset_.dataflow.empty()) write_link("dataflow", urn(ArtefactClass::Dataflow, dataset_.dataflow));
        write_link("datastructure", urn(ArtefactClass::DataStructure, dataset_.structure));
        json_.EndArray();
        if (const auto* dataflow = structures.find_dataflow(dataset_.dataflow); dataflow && !dataflow->name.empty()) {
            key(json_, "name");
            string(json_, dataflow->name.text());
        }

        key(json_, "dimensions");
        json_.StartObject();
        const std::size_t time_position = layout.key_ids.size() - 1;
        if (series_) {
            key(json_, "series");
            json_.StartArray();
            for (std::size_t i = 0; i < time_position; ++i) write_dimension(names, i);
            json_.EndArray();
            key(json_, "observation");
            json_.StartArray();
            write_dimension(names, time_position);
            json_.EndArray();
        } else {
            key(json_, "observation");
            json_.StartArray();
            for (std::size_t i = 0; i < layout.key_ids.size(); ++i) write_dimension(names, i);
            json_.EndArray();
        }
        json_.EndObject();

        key(json_, "measures");
        json_.StartObject();
        key(json_, "observation");
        json_.StartArray();
        json_.StartObject();
        key(json_, "id");
        string(json_, layout.measure_id);
        key(json_, "name");
        string(json_, names.component(layout.measure_id));
        key(json_, "roles");
        json_.StartArray();
        json_.String("PRIMARY");
        json_.EndArray();
        json_.EndObject();
        json_.EndArray();
        json_.EndObject();

        write_attributes(names);
        write_annotations();
        key(json_, "dataSets");
        json_.StartArray();
        json_.Uint(0);
        json_.EndArray();
        json_.EndObject();
        json_.EndArray();
    }

    void write_dimension(const Names& names, std::size_t position) {
        const auto& id = dataset_.layout.key_ids[position];
        const bool time = position + 1 == dataset_.layout.key_ids.size();
        json_.StartObject();
        key(json_, "id");
        string(json_, id);
        key(json_, "name");
        string(json_, names.component(id));
        key(json_, "keyPosition");
        json_.Uint(static_cast<unsigned>(position));
        if (time) {
            key(json_, "roles");
            json_.StartArray();
            json_.String("TIME_PERIOD");
            json_.EndArray();
        }
        write_values(dimension_values_[position].values(), time ? nullptr : names.codelist(id));
        json_.EndObject();
    }

    // Component values: coded ones with id and name, anything else as "value".
    void write_values(const std::vector<std::string>& values, const Codelist* codelist) {
        key(json_, "values");
        json_.StartArray();
        for (const auto& value : values) {
            json_.StartObject();
            if (is_json_id(value)) {
                key(json_, "id");
                string(json_, value);
                key(json_, "name");
                const Code* code = codelist ? codelist->find(value) : nullptr;
                string(json_, code && !code->name.empty() ? code->name.text() : value);
            } else {
                key(json_, "value");
                string(json_, value);
            }
            json_.EndObject();
        }
        json_.EndArray();
    }

    void write_attributes(const Names& names) {
        const auto& layout = dataset_.layout;
        key(json_, "attributes");
        json_.StartObject();
        key(json_, "dataSet");
        json_.StartArray();
        for (const auto& [id, value] : dataset_.attributes) {
            std::vector<std::string> values;
            if (!value.empty()) values.push_back(value);
            write_attribute_definition(names, id, "dataflow", &values);
        }
        json_.EndArray();
        for (const bool series_level : {true, false}) {
            key(json_, series_level ? "series" : "observation");
            json_.StartArray();
            for (std::size_t i = 0; i < layout.attribute_ids.size(); ++i) {
                if (layout.on_series(i, series_) != series_level) continue;
                const bool indexed = series_level || layout.is_coded(i);
                write_attribute_definition(names, layout.attribute_ids[i], series_level ? "dimensions" : "observation",
                                           indexed ? &attribute_values_[i].values() : nullptr);
            }
            json_.EndArray();
        }
        json_.EndObject();
    }

    void write_attribute_definition(const Names& names, const std::string& id, const char* relationship,
                                    const std::vector<std::string>* values) {
        json_.StartObject();
        key(json_, "id");
        string(json_, id);
        key(json_, "name");
        string(json_, names.component(id));
        key(json_, "relationship");
        json_.StartObject();
        key(json_, relationship);
        if (std::string_view(relationship) == "dimensions") {
            json_.StartArray();
            for (std::size_t i = 0; i + 1 < dataset_.layout.key_ids.size(); ++i)
                string(json_, dataset_.layout.key_ids[i]);
            json_.EndArray();
        } else {
            json_.StartObject();
            json_.EndObject();
        }
        json_.EndObject();
        if (values != nullptr && !values->empty()) write_values(*values, names.codelist(id));
        json_.EndObject();
    }

    void write_annotations() {
        if (dataset_.annotations.empty() && dataset_.series_annotations.empty()) return;
        key(json_, "annotations");
        json_.StartArray();
        for (const auto& annotation : dataset_.annotations) write_annotation(annotation);
        for (const auto& annotation : dataset_.series_annotations) write_annotation(annotation);
        json_.EndArray();
    }

    void write_annotation(const Annotation& annotation) {
        {
            json_.StartObject();
            for (const auto& [name, value] : {std::pair{"id", &annotation.id}, std::pair{"title", &annotation.title},
                                              std::pair{"type", &annotation.type}}) {
                if (value->empty()) continue;
                key(json_, name);
                string(json_, *value);
            }
            if (!annotation.text.empty()) {
                key(json_, "text");
                string(json_, annotation.text.text());
                key(json_, "texts");
                json_.StartObject();
                for (const auto& localised : annotation.text.values) {
                    string(json_, localised.lang);
                    string(json_, localised.text);
                }
                json_.EndObject();
            }
            if (!annotation.url.empty()) {
                key(json_, "links");
                json_.StartArray();
                json_.StartObject();
                key(json_, "href");
                string(json_, annotation.url);
                key(json_, "rel");
                json_.String("describedby");
                json_.EndObject();
                json_.EndArray();
            }
            json_.EndObject();
        }
    }

    SinkStream stream_;
    JsonWriter json_;
    DataSetDescription dataset_;
    bool series_ = true;
    bool in_series_ = false;
    SeriesTracker series_tracker_;
    std::vector<ValueIndex> dimension_values_;
    std::vector<ValueIndex> attribute_values_;
    std::string key_;
};

}  // namespace

std::unique_ptr<DataWriter> make_json_data_writer(ByteSink& output) {
    return std::make_unique<JsonDataWriter>(output);
}

}  // namespace csdmx::sdmx::json
