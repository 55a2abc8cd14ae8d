#include "sdmx/xml/xml_writer.h"

#include <libxml/xmlwriter.h>

#include "core/diagnostic.h"

namespace csdmx::sdmx {

namespace {

int write_to_output(void* context, const char* buffer, int length) {
    try {
        static_cast<ByteSink*>(context)->write({buffer, static_cast<std::size_t>(length)});
        return length;
    } catch (...) {
        return -1;  // libxml2 reports the failure through the writer's return codes
    }
}

int close_output(void*) {
    return 0;
}

}  // namespace

bool is_xml_text(std::string_view utf8, std::size_t* offset) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        auto byte = static_cast<unsigned char>(utf8[i]);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
            if (offset) *offset = i;
            return false;
        }
        // U+FFFE and U+FFFF are not XML characters (EF BF BE / EF BF BF).
        if (byte == 0xEF && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(utf8[i + 2]) & 0xFE) == 0xBE) {
            if (offset) *offset = i;
            return false;
        }
    }
    return true;
}

XmlWriter::XmlWriter(ByteSink& output, bool indent) {
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateIO(write_to_output, close_output, &output, nullptr);
    if (buffer == nullptr) throw EnvironmentError("libxml2 could not create an output buffer");
    writer_ = xmlNewTextWriter(buffer);  // takes ownership of the buffer
    if (writer_ == nullptr) {
        xmlOutputBufferClose(buffer);
        throw EnvironmentError("libxml2 could not create a text writer");
    }
    if (indent) {
        xmlTextWriterSetIndent(writer_, 1);
        xmlTextWriterSetIndentString(writer_, BAD_CAST "  ");
    }
}

XmlWriter::~XmlWriter() {
    if (writer_ != nullptr) xmlFreeTextWriter(writer_);
}

const unsigned char* XmlWriter::c_str(std::string_view value, std::string& scratch) {
    scratch.assign(value.data(), value.size());
    return reinterpret_cast<const unsigned char*>(scratch.c_str());
}

void XmlWriter::check(int result, const char* operation) {
    if (result < 0) {
        throw EnvironmentError(std::string("XML output failed while writing ") + operation +
                               " (disk full or output closed?)");
    }
}

void XmlWriter::start_document() {
    check(xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", nullptr), "the XML declaration");
}

void XmlWriter::end_document() {
    check(xmlTextWriterEndDocument(writer_), "the end of the document");
    check(xmlTextWriterFlush(writer_), "the last bytes");
}

void XmlWriter::start(std::string_view qualified_name) {
    check(xmlTextWriterStartElement(writer_, c_str(qualified_name, name_scratch_)), "an element");
}

void XmlWriter::end() {
    check(xmlTextWriterEndElement(writer_), "an end tag");
}

void XmlWriter::attribute(std::string_view qualified_name, std::string_view value) {
    std::size_t offset = 0;
    if (!is_xml_text(value, &offset)) {
        throw InputError({}, 0, 0,
                         "value of " + std::string(qualified_name) +
                             " contains a control character that XML cannot carry (byte " + std::to_string(offset + 1) +
                             ")");
    }
    check(xmlTextWriterWriteAttribute(writer_, c_str(qualified_name, name_scratch_), c_str(value, value_scratch_)),
          "an attribute");
}

void XmlWriter::text(std::string_view value) {
    std::size_t offset = 0;
    if (!is_xml_text(value, &offset)) {
        throw InputError(
            {}, 0, 0,
            "text contains a control character that XML cannot carry (byte " + std::to_string(offset + 1) + ")");
    }
    check(xmlTextWriterWriteString(writer_, c_str(value, value_scratch_)), "text");
}

void XmlWriter::element(std::string_view qualified_name, std::string_view value) {
    start(qualified_name);
    text(value);
    end();
}

void XmlWriter::comment(std::string_view value) {
    check(xmlTextWriterWriteComment(writer_, c_str(value, value_scratch_)), "a comment");
}

}  // namespace csdmx::sdmx
