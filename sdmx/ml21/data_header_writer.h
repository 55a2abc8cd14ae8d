// The header and DataSet start shared by both SDMX-ML 2.1 data message kinds.
#pragma once

#include "sdmx/data_writer.h"
#include "sdmx/ml_version.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::sdmx::ml21 {

// message:Header with its message:Structure pointing at the dataflow when the data
// set names one (common:StructureUsage), else at the DSD (common:Structure).
// `ss_namespace` is written for structure-specific messages only (non-empty).
void write_data_header(XmlWriter& xml, const MessageHeader& header, const DataSetDescription& dataset,
                       const std::string& ss_namespace, MlVersion version = MlVersion::v2_1);

// <Ref agencyID=.. maintainableParentID=DATA_PROVIDERS .. id=../> inside `element`
// (2.1), or the data provider's URN as its text (3.0).
void write_provider(XmlWriter& xml, const char* element, const DataProviderRef& provider,
                    MlVersion version = MlVersion::v2_1);

}  // namespace csdmx::sdmx::ml21
