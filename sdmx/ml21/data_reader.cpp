#include "sdmx/ml21/data_reader.h"

#include <libxml/tree.h>

#include "core/diagnostic.h"
#include "sdmx/ml21/common_reader.h"
#include "sdmx/ml21/namespaces.h"
#include "sdmx/ml30/namespaces.h"
#include "sdmx/xml/xml_reader.h"

namespace csdmx::sdmx::ml21 {

namespace {

using dom::attribute_or;
using dom::first_child;
using dom::local_name;
using dom::next_sibling;

void read_header(const xmlNode* header, DataMessageHeader& info) {
    bool structure_read = false;
    for (const xmlNode* c = first_child(header); c; c = next_sibling(c)) {
        if (local_name(c) == "DataSetAction") info.data_set_action = dom::text(c);
        if (local_name(c) == "DataSetID") info.data_set_ids.push_back(dom::text(c));
        if (local_name(c) != "Structure" || structure_read) continue;
        structure_read = true;  // the first structure is the one data sets use by default
        info.structure_id = attribute_or(c, "structureID", "");
        info.ss_namespace = attribute_or(c, "namespace", "");
        info.dimension_at_observation = attribute_or(c, "dimensionAtObservation", "");
        if (const xmlNode* s = dom::child(c, "Structure")) {
            info.structure = read_reference(s);
        } else if (const xmlNode* u = dom::child(c, "StructureUsage")) {
            info.structure = read_reference(u);
            info.by_dataflow = true;
        }
    }
}

void read_values(const xmlNode* holder, ComponentValues& out) {
    for (const xmlNode* v = first_child(holder); v; v = next_sibling(v)) {
        if (local_name(v) == "Value") out.emplace_back(attribute_or(v, "id", ""), attribute_or(v, "value", ""));
    }
}

}  // namespace

struct DataMessageReader::Impl {
    Impl(const std::filesystem::path& file, const DataStructure* structure)
        : reader(XmlReader::open_file(file)), dsd(structure) {}

    XmlReader reader;
    const DataStructure* dsd;
    DataMessageHeader header;
    DataSetInfo dataset;
    std::size_t datasets = 0;
    bool started = false;
    bool finished = false;
    bool pending_move = false;  // the reader is already on the next node (after skip())
    // Series state
    bool in_series = false;
    int series_depth = -1;
    ComponentValues series_key;
    ComponentValues series_attributes;

    enum class Role { dimension, measure, attribute, unknown };
    Role role_of(std::string_view id) const {
        if (dsd == nullptr) return id == "OBS_VALUE" ? Role::measure : Role::unknown;
        if (dsd->find_dimension(id)) return Role::dimension;
        if (dsd->primary_measure.id == id) return Role::measure;
        if (dsd->find_attribute(id)) return Role::attribute;
        return Role::unknown;
    }

    bool advance() {
        if (pending_move) {
            pending_move = false;
            return true;
        }
        return reader.read();
    }

    void skip_subtree() {
        pending_move = reader.skip();
        if (!pending_move) finished = true;
    }

    // Reads up to the first DataSet, filling the header.
    void start() {
        started = true;
        bool saw_root = false;
        while (advance()) {
            if (!reader.is_element()) continue;
            if (!saw_root) {
                saw_root = true;
                auto name = reader.local_name();
                if (reader.namespace_uri() == ml30::kMessageNs) {
                    header.version = MlVersion::v3_0;
                } else if (reader.namespace_uri() != kMessageNs) {
                    throw InputError(reader.file(), static_cast<std::uint64_t>(reader.line()), 0,
                                     "not an SDMX-ML 2.1 or 3.0 message (root element " + std::string(name) + ")");
                }
                if (name == "GenericData" || name == "GenericTimeSeriesData") {
                    header.kind = DataMessageKind::generic;
                } else if (name == "StructureSpecificData" || name == "StructureSpecificTimeSeriesData") {
                    header.kind = DataMessageKind::structure_specific;
                } else {
                    throw InputError(reader.file(), static_cast<std::uint64_t>(reader.line()), 0,
                                     "not an SDMX-ML data message (root element " + std::string(name) + ")");
                }
                continue;
            }
            if (reader.local_name() == "Header" && reader.namespace_uri() == message_ns()) {
                read_header(reader.expand(), header);
                skip_subtree();
                continue;
            }
            if (reader.local_name() == "DataSet") {
                begin_dataset();
                return;
            }
        }
        finished = true;
    }

    const char* message_ns() const { return namespaces_of(header.version).message; }

    void begin_dataset() {
        ++datasets;
        dataset = DataSetInfo{};
        dataset.line = static_cast<std::uint64_t>(reader.line());
        in_series = false;
        reader.for_each_attribute([&](const XmlReader::AttributeView& a) {
            if (a.namespace_uri.empty()) {
                if (a.local_name == "action") dataset.action = a.value;
                // 2.1 only: SDMX-ML 3.0 puts data-set attributes in Atts (read in next()).
                if (header.kind == DataMessageKind::structure_specific && header.version == MlVersion::v2_1) {
                    dataset.attributes.emplace_back(std::string(a.local_name), std::string(a.value));
                }
            } else if (a.namespace_uri == namespaces_of(header.version).structure_specific &&
                       a.local_name == "action") {
                dataset.action = a.value;
            }
        });
    }

    void read_ss_values(ComponentValues& key, ReadObservation* observation, ComponentValues& attributes,
                        ComponentValues& unknown) {
        reader.for_each_attribute([&](const XmlReader::AttributeView& a) {
            if (!a.namespace_uri.empty()) return;
            std::string id(a.local_name);
            switch (role_of(id)) {
                case Role::dimension:
                    key.emplace_back(std::move(id), std::string(a.value));
                    break;
                case Role::measure:
                    if (observation) observation->value = std::string(a.value);
                    break;
                case Role::attribute:
                    attributes.emplace_back(std::move(id), std::string(a.value));
                    break;
                case Role::unknown:
                    if (id != "type") unknown.emplace_back(std::move(id), std::string(a.value));
                    break;
            }
        });
    }

    // SDMX-ML 3.0 Atts: attribute values for a partial key; with no key at all they
    // are the data set's (3.0 Part IV, AttsType). Partial keys are not read, as Group.
    void read_atts() {
        ComponentValues key;
        ComponentValues attributes;
        ComponentValues unknown;
        read_ss_values(key, nullptr, attributes, unknown);
        if (key.empty()) {
            dataset.attributes.insert(dataset.attributes.end(), attributes.begin(), attributes.end());
            if (dsd == nullptr) dataset.attributes.insert(dataset.attributes.end(), unknown.begin(), unknown.end());
        }
        if (!reader.is_empty_element()) skip_subtree();
    }

    void read_generic_obs(const xmlNode* obs, ReadObservation& out) {
        for (const xmlNode* c = first_child(obs); c; c = next_sibling(c)) {
            auto name = local_name(c);
            if (name == "ObsKey") {
                read_values(c, out.key);
            } else if (name == "ObsDimension") {
                std::string id = header.dimension_at_observation;
                if (id.empty() || id == "AllDimensions") id = "TIME_PERIOD";
                out.key.emplace_back(id, attribute_or(c, "value", ""));
            } else if (name == "ObsValue") {
                out.value = attribute_or(c, "value", "");
            } else if (name == "Attributes") {
                read_values(c, out.attributes);
            }
        }
    }

    bool next(ReadObservation& out) {
        if (!started) start();
        while (!finished) {
            if (!advance()) {
                finished = true;
                break;
            }
            if (reader.is_end_element()) {
                if (in_series && reader.depth() == series_depth) in_series = false;
                continue;
            }
            if (!reader.is_element()) continue;
            auto name = reader.local_name();
            auto ns = reader.namespace_uri();
            if (name == "DataSet" && ns == message_ns()) {
                begin_dataset();
                continue;
            }
            if (name == "Annotations" && ns == namespaces_of(header.version).common) {
                if (!in_series) read_annotations(reader.expand(), dataset.annotations);
                skip_subtree();
                continue;
            }
            if (name == "DataProvider") {
                const xmlNode* node = reader.expand();
                if (const xmlNode* r = dom::child(node, "Ref")) {
                    dataset.provider_id = attribute_or(r, "id", "");
                } else {
                    MaintainableRef scheme;  // SDMX-ML 3.0: the provider's URN
                    parse_urn(dom::text(node), scheme, &dataset.provider_id);
                }
                skip_subtree();
                continue;
            }
            if (name == "Group") {
                skip_subtree();
                continue;
            }
            if (header.kind == DataMessageKind::generic) {
                if (name == "Attributes" && !in_series) {
                    read_values(reader.expand(), dataset.attributes);
                    skip_subtree();
                    continue;
                }
                if (name == "Series") {
                    in_series = !reader.is_empty_element();
                    series_depth = reader.depth();
                    series_key.clear();
                    series_attributes.clear();
                    continue;
                }
                if (name == "SeriesKey") {
                    read_values(reader.expand(), series_key);
                    skip_subtree();
                    continue;
                }
                if (name == "Attributes" && in_series) {
                    read_values(reader.expand(), series_attributes);
                    skip_subtree();
                    continue;
                }
                if (name == "Obs") {
                    out = ReadObservation{};
                    out.line = static_cast<std::uint64_t>(reader.line());
                    out.key = series_key;
                    out.attributes = series_attributes;
                    read_generic_obs(reader.expand(), out);
                    skip_subtree();
                    return true;
                }
                continue;
            }
            // Structure-specific: components are unqualified XML attributes.
            if (name == "Atts" && !in_series) {
                read_atts();
                continue;
            }
            if (name == "Series") {
                in_series = !reader.is_empty_element();
                series_depth = reader.depth();
                series_key.clear();
                series_attributes.clear();
                ComponentValues ignored;
                read_ss_values(series_key, nullptr, series_attributes, ignored);
                continue;
            }
            if (name == "Obs") {
                out = ReadObservation{};
                out.line = static_cast<std::uint64_t>(reader.line());
                out.key = series_key;
                out.attributes = series_attributes;
                read_ss_values(out.key, &out, out.attributes, out.unknown);
                if (!reader.is_empty_element()) skip_subtree();
                return true;
            }
        }
        return false;
    }
};

DataMessageReader::DataMessageReader(const std::filesystem::path& file, const DataStructure* dsd)
    : impl_(std::make_unique<Impl>(file, dsd)) {
    impl_->start();
}

DataMessageReader::~DataMessageReader() = default;

const DataMessageHeader& DataMessageReader::header() const {
    return impl_->header;
}

bool DataMessageReader::next(ReadObservation& observation) {
    return impl_->next(observation);
}

const DataSetInfo& DataMessageReader::dataset() const {
    return impl_->dataset;
}

std::size_t DataMessageReader::datasets_seen() const {
    return impl_->datasets;
}

DataMessageHeader read_data_message_header(const std::filesystem::path& file) {
    DataMessageReader reader(file, nullptr);
    return reader.header();
}

}  // namespace csdmx::sdmx::ml21
