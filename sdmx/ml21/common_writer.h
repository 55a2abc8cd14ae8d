// Pieces shared by every SDMX-ML 2.1 message writer: header, names, annotations.
#pragma once

#include <string_view>

#include "sdmx/model/annotation.h"
#include "sdmx/model/message_header.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::sdmx::ml21 {

// message:ID, Test, Prepared, Sender; the caller closes message:Header.
void write_header_start(XmlWriter& xml, const MessageHeader& header);
// common:Annotations, nothing when empty.
void write_annotations(XmlWriter& xml, const Annotations& annotations);
// One element per language, e.g. common:Name xml:lang="en".
void write_international(XmlWriter& xml, std::string_view element, const InternationalString& text);

}  // namespace csdmx::sdmx::ml21
