// One streaming interface for every data message format.
//
// The converter produces a stream of observations; each writer turns them into
// one message format as they come, holding nothing but the current observation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sdmx/model/annotation.h"
#include "sdmx/model/message_header.h"
#include "sdmx/model/reference.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::sdmx {

// Which component each position of an Observation holds.
struct ObservationLayout {
    std::vector<std::string> key_ids;  // dimension ids in key order, time dimension last
    std::string measure_id = "OBS_VALUE";
    std::vector<std::string> attribute_ids;  // series- and observation-level attributes
    // Per attribute: true when it attaches to the series (its value is taken from
    // the series' first observation), false when to the observation.
    std::vector<bool> series_level;
    // Per attribute: true when its values are codes. Formats that index values
    // (SDMX-JSON) index coded ones and write free text in place, so that memory
    // stays bounded by the codelists, not by the rows. Empty: none is coded.
    std::vector<bool> coded;

    bool is_coded(std::size_t index) const { return index < coded.size() && coded[index]; }

    // Whether attribute `index` is written on the Series rather than on each Obs.
    bool on_series(std::size_t index, bool time_series) const {
        return time_series && index < series_level.size() && series_level[index];
    }
};

// How observations are organised in a message (SDMX 2.1 dimensionAtObservation).
enum class DataLayout {
    time_series,  // Series per key without time; observations must arrive in series order
    flat,         // AllDimensions: every observation on its own, in any order
};

// One observation; positions follow the ObservationLayout. An empty attribute
// value means "not reported" and is left out of the message.
struct Observation {
    std::vector<std::string> key;
    std::string value;  // empty: no OBS_VALUE
    std::vector<std::string> attributes;
    // Which series the observation belongs to, when its producer knows it without
    // comparing texts (the sorter and the tabulator compare interned ids): consecutive
    // observations have the same number exactly when they have the same series key.
    // 0: not known; SeriesTracker then compares the key texts.
    std::uint64_t series = 0;
};

struct DataProviderRef {
    MaintainableRef scheme;  // the DataProviderScheme
    std::string id;
};

// Everything about the data set that is known before the first observation.
struct DataSetDescription {
    MaintainableRef structure;  // the DataStructure
    MaintainableRef dataflow;   // the Dataflow, when there is one (SDMX-CSV and SDMX-JSON name it)
    std::string action = "Information";
    std::optional<DataProviderRef> provider;
    std::vector<std::pair<std::string, std::string>> attributes;  // data-set-level attributes
    Annotations annotations;
    // Written on every series by the formats that can (SDMX-ML structure-specific,
    // SDMX-JSON): what a DSD without room for it must still say about each series
    // (citizen data flags). Must also be among `annotations`: generic SDMX-ML leaves
    // them off its Series, which readsdmx cannot read with annotations.
    Annotations series_annotations;
    ObservationLayout layout;
    DataLayout data_layout = DataLayout::time_series;
};

class DataWriter {
public:
    virtual ~DataWriter() = default;
    virtual void begin(const MessageHeader& header, const DataSetDescription& dataset) = 0;
    virtual void write(const Observation& observation) = 0;
    // Closes the message; the output file itself is committed by the caller.
    // `structures` hold the DSD, its concepts and codelists: formats that carry
    // names (SDMX-JSON) take them from there; their codelists are complete only
    // once every observation is in, which is why they come last.
    virtual void finish(const StructureSet& structures) = 0;
};

// The structureID used inside a data message to point at its DSD: AGENCY_ID_1_0.
std::string structure_local_id(const MaintainableRef& structure);

// Tracks series boundaries in a stream of observations sorted by series: the
// series key is every key value but the last (the time period).
class SeriesTracker {
public:
    // True when `observation` starts a new series (always for the first one).
    bool starts_series(const Observation& observation);

private:
    std::vector<std::string> current_;  // the series key, when observations carry no series number
    std::uint64_t current_series_ = 0;  // else the series number
    bool started_ = false;
};

}  // namespace csdmx::sdmx
