// Writes an SDMX-ML 2.1 Structure message (SDMX 2.1 Section 3A Part III).
#pragma once

#include "sdmx/model/message_header.h"
#include "sdmx/model/structure_set.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::sdmx::ml21 {

// Writes the whole message; artefacts appear in the order the schema prescribes.
void write_structure_message(XmlWriter& xml, const MessageHeader& header, const StructureSet& structures);

}  // namespace csdmx::sdmx::ml21
