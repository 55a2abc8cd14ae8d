// A streaming XML writer into a ByteSink (an AtomicOutputFile or memory).
//
// It writes exactly the bytes libxml2's xmlTextWriter (2.9, indent "  ") wrote
// for the same calls, which every earlier message and golden file follows, but
// directly into one large buffer: no per-call copies, no per-element allocation,
// a fast path for values that need no escaping, and one ByteSink::write per
// 256 KiB. Memory stays constant however large the message.
// tests/unit/xml_writer_test.cpp compares it with libxml2 on random calls.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"
#include "core/output_buffer.h"

namespace csdmx::sdmx {

class XmlWriter {
public:
    explicit XmlWriter(ByteSink& output, bool indent = true);
    ~XmlWriter();  // flushes what is buffered unless an exception is unwinding
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
    // What the innermost open node still expects, as libxml2 tracks it.
    enum class State : unsigned char { name, text, comment };
    struct Open {
        std::size_t name_offset;  // into names_
        std::size_t name_size;
        State state;
    };

    void close_start_tag(bool newline);
    void write_indent();
    void put(std::string_view bytes) {
        buffer_.append(bytes);
        if (buffer_.size() >= kFlushBytes) flush();
    }
    void flush();

    static constexpr std::size_t kFlushBytes = 256 * 1024;

    ByteSink& output_;
    bool indent_;
    bool encoding_declared_ = false;  // after start_document, UTF-8 goes out as it is
    bool do_indent_ = false;          // libxml2's doindent: the next end tag goes on its own line
    OutputBuffer buffer_;
    OutputBuffer names_{256};  // the open elements' names, back to back (appended per element)
    std::vector<Open> open_;
};

// True when every character of the UTF-8 text may appear in XML 1.0 content;
// otherwise returns false and sets `offset` to the first offending byte.
bool is_xml_text(std::string_view utf8, std::size_t* offset = nullptr);

}  // namespace csdmx::sdmx
