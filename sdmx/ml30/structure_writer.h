// Writes an SDMX-ML 3.0 Structure message (SDMX 3.0 Section 3A): the same
// artefacts as the 2.1 one, referenced by URN, with 3.0's DSD components
// (Measure instead of PrimaryMeasure, attribute usage and relationships).
#pragma once

#include "sdmx/model/message_header.h"
#include "sdmx/model/structure_set.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::sdmx::ml30 {

// Artefacts appear in the order the schema prescribes.
void write_structure_message(XmlWriter& xml, const MessageHeader& header, const StructureSet& structures);

}  // namespace csdmx::sdmx::ml30
