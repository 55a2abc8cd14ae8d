#include "sdmx/ml21/common_writer.h"

namespace csdmx::sdmx::ml21 {

void write_header_start(XmlWriter& xml, const MessageHeader& header) {
    xml.start("message:Header");
    xml.element("message:ID", header.id);
    xml.element("message:Test", header.test ? "true" : "false");
    xml.element("message:Prepared", header.prepared);
    xml.start("message:Sender");
    xml.attribute("id", header.sender_id);
    write_international(xml, "common:Name", header.sender_name);
    xml.end();
}

void write_international(XmlWriter& xml, std::string_view element, const InternationalString& text) {
    for (const auto& value : text.values) {
        xml.start(element);
        xml.attribute("xml:lang", value.lang);
        xml.text(value.text);
        xml.end();
    }
}

void write_annotations(XmlWriter& xml, const Annotations& annotations) {
    if (annotations.empty()) return;
    xml.start("common:Annotations");
    for (const auto& annotation : annotations) {
        xml.start("common:Annotation");
        if (!annotation.id.empty()) xml.attribute("id", annotation.id);
        if (!annotation.title.empty()) xml.element("common:AnnotationTitle", annotation.title);
        if (!annotation.type.empty()) xml.element("common:AnnotationType", annotation.type);
        if (!annotation.url.empty()) xml.element("common:AnnotationURL", annotation.url);
        write_international(xml, "common:AnnotationText", annotation.text);
        xml.end();
    }
    xml.end();
}

}  // namespace csdmx::sdmx::ml21
