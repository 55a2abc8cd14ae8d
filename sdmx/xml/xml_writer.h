// A thin RAII wrapper over libxml2's streaming xmlTextWriter, writing into a
// ByteSink (an AtomicOutputFile or memory). Nothing is buffered beyond libxml2's small output buffer, so
// messages of any size are written in constant memory.
#pragma once

#include <string>
#include <string_view>

#include "core/byte_sink.h"

#include <libxml/xmlwriter.h>

namespace csdmx::sdmx {

class XmlWriter {
public:
    explicit XmlWriter(ByteSink& output, bool indent = true);
    ~XmlWriter();
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    void start_document();
    void end_document();  // closes every open element and flushes

    void start(std::string_view qualified_name);
    void end();
    void attribute(std::string_view qualified_name, std::string_view value);
    void text(std::string_view value);
    // <name>value</name>
    void element(std::string_view qualified_name, std::string_view value);
    void comment(std::string_view value);

private:
    const unsigned char* c_str(std::string_view value, std::string& scratch);
    void check(int result, const char* operation);

    xmlTextWriter* writer_ = nullptr;
    std::string name_scratch_;
    std::string value_scratch_;
};

// True when every character of the UTF-8 text may appear in XML 1.0 content;
// otherwise returns false and sets `offset` to the first offending byte.
bool is_xml_text(std::string_view utf8, std::size_t* offset = nullptr);

}  // namespace csdmx::sdmx
