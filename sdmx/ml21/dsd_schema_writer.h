// Generates the DSD-specific XML Schema that structure-specific data messages are
// validated against, following SDMX 2.1 Section 3A Part IV §3 "Mapping to
// Structure-Specific Schemas".
#pragma once

#include <string>
#include <vector>

#include "sdmx/ml_version.h"
#include "sdmx/model/structure_set.h"

namespace csdmx::sdmx::ml21 {

enum class ObservationLevel {
    all_dimensions,  // flat: every dimension on Obs (dimensionAtObservation="AllDimensions")
    time_period,     // time series: Series keyed by all dimensions but TIME_PERIOD
};

struct DsdSchema {
    std::string target_namespace;
    std::string xsd;
    // Coded components whose codelist was not among the structures: their values
    // cannot be checked, so callers must not call a message valid.
    std::vector<std::string> missing_codelists;
};

// `schema_directory` is where SDMXCommon.xsd and SDMXDataStructureSpecific.xsd are,
// used for the xs:import schemaLocation (as a file path or URI).
// SDMX-ML 3.0 (SDMX 3.0 Section 3A, same mapping): the base types are dsd:DataSetType,
// dsd:SeriesType and dsd:ObsType for both levels, and TIME_PERIOD is declared on Obs;
// DataSet has no component attributes: data-set attributes go in an Atts element of
// the generated AttsType (every dimension and every attribute not attached to the
// observation, all optional).
DsdSchema write_dsd_schema(const DataStructure& dsd, const StructureSet& structures, ObservationLevel level,
                           const std::string& schema_directory, MlVersion version = MlVersion::v2_1);

// [DSD URN]:ObsLevelDim:AllDimensions or [DSD URN]:ObsLevelDim:TIME_PERIOD
std::string dsd_schema_namespace(const MaintainableRef& dsd, ObservationLevel level);

}  // namespace csdmx::sdmx::ml21
