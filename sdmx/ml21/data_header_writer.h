// The header and DataSet start shared by both SDMX-ML 2.1 data message kinds.
#pragma once

#include "sdmx/data_writer.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::sdmx::ml21 {

// message:Header with its message:Structure pointing at the DSD.
// `ss_namespace` is written for structure-specific messages only (non-empty).
void write_data_header(XmlWriter& xml, const MessageHeader& header, const DataSetDescription& dataset,
                       const std::string& ss_namespace);

// <Ref agencyID=.. maintainableParentID=DATA_PROVIDERS .. id=../> inside `element`.
void write_provider(XmlWriter& xml, const char* element, const DataProviderRef& provider);

}  // namespace csdmx::sdmx::ml21
