// Reads SDMX-ML 2.1 data messages (generic and structure-specific, flat or time
// series) and SDMX-ML 3.0 structure-specific ones, one observation at a time, for
// validation and round-trip checks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sdmx/ml_version.h"
#include "sdmx/model/data_structure.h"
#include "sdmx/read_observation.h"

namespace csdmx::sdmx::ml21 {

enum class DataMessageKind { generic, structure_specific };

struct DataMessageHeader {
    MlVersion version = MlVersion::v2_1;  // SDMX-ML 3.0 structure-specific data is read too
    DataMessageKind kind = DataMessageKind::generic;
    std::string structure_id;              // message:Structure/@structureID
    std::string ss_namespace;              // message:Structure/@namespace (structure-specific)
    std::string dimension_at_observation;  // AllDimensions, TIME_PERIOD, ...
    MaintainableRef structure;             // the DSD, or the dataflow when by_dataflow
    bool by_dataflow = false;              // referenced through common:StructureUsage
    std::string data_set_action;           // message:DataSetAction (Information, Append, ...)
    std::vector<std::string> data_set_ids;  // message:DataSetID
};

using sdmx::ComponentValues;

struct DataSetInfo {
    ComponentValues attributes;  // data-set-level attributes
    Annotations annotations;
    std::string provider_id;
    std::string action;
    std::uint64_t line = 0;
};

using sdmx::ReadObservation;

class DataMessageReader {
public:
    // `dsd` tells dimensions from attributes in structure-specific messages; without
    // it every structure-specific value lands in `unknown` except OBS_VALUE.
    DataMessageReader(const std::filesystem::path& file, const DataStructure* dsd);
    ~DataMessageReader();
    DataMessageReader(const DataMessageReader&) = delete;
    DataMessageReader& operator=(const DataMessageReader&) = delete;

    const DataMessageHeader& header() const;
    // Next observation, in document order; false at the end of the message.
    bool next(ReadObservation& observation);
    // The data set the last observation came from (also valid before the first one).
    const DataSetInfo& dataset() const;
    std::size_t datasets_seen() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Reads just the header: what kind of data message this is and which structure it uses.
DataMessageHeader read_data_message_header(const std::filesystem::path& file);

}  // namespace csdmx::sdmx::ml21
