// SDMX-ML 2.1 data messages (SDMX 2.1 Section 3A Part IV), time series
// (dimensionAtObservation="TIME_PERIOD", what SDG platforms and rsdmx read) or
// flat (dimensionAtObservation="AllDimensions").
#pragma once

#include <memory>

#include "core/byte_sink.h"
#include "sdmx/data_writer.h"
#include "sdmx/ml_version.h"

namespace csdmx::sdmx::ml21 {

// message:StructureSpecificData; validates against the DSD-specific schema.
// SDMX-ML 3.0 has the same Series and Obs; its header and data set refer to
// structures by URN.
std::unique_ptr<DataWriter> make_structure_specific_writer(ByteSink& output, MlVersion version = MlVersion::v2_1);
// message:GenericData; validates against SDMXMessage.xsd alone.
std::unique_ptr<DataWriter> make_generic_writer(ByteSink& output);

// "TIME_PERIOD" or "AllDimensions", as written in message:Structure.
const char* dimension_at_observation(const DataSetDescription& dataset);

}  // namespace csdmx::sdmx::ml21
