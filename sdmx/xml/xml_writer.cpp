#include "sdmx/xml/xml_writer.h"

#include <cstdint>
#include <cstring>

#include "core/diagnostic.h"

namespace csdmx::sdmx {

namespace {

// Bytes an attribute value cannot carry as they are: libxml2 writes them as
// references. Before the XML declaration (which declares UTF-8) it also writes
// non-ASCII characters as hexadecimal character references.
constexpr bool attribute_needs_escape(unsigned char byte) {
    return byte == '"' || byte == '<' || byte == '>' || byte == '&' || byte == '\n' || byte == '\r' || byte == '\t';
}
constexpr bool text_needs_escape(unsigned char byte) {
    return byte == '<' || byte == '>' || byte == '&' || byte == '"' || byte == '\r';
}

struct EscapeTable {
    bool attribute[256] = {};
    bool text[256] = {};
    // Printable ASCII that neither context escapes: such a value is valid XML text
    // and goes out byte for byte (codes, periods, numbers: nearly every value).
    bool plain[256] = {};
    constexpr EscapeTable() {
        for (int i = 0; i < 256; ++i) {
            attribute[i] = attribute_needs_escape(static_cast<unsigned char>(i));
            text[i] = text_needs_escape(static_cast<unsigned char>(i));
            plain[i] = i >= 0x20 && i < 0x7F && !attribute[i] && !text[i];
        }
    }
};
constexpr EscapeTable kEscape;

bool is_plain(std::string_view value) {
    for (const char byte : value) {
        if (!kEscape.plain[static_cast<unsigned char>(byte)]) return false;
    }
    return true;
}

// XML 1.0 Char production (libxml2's IS_CHAR).
bool is_char(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

void append_hex_reference(OutputBuffer& out, std::uint32_t value) {
    char digits[8];
    int count = 0;
    do {
        digits[count++] = "0123456789ABCDEF"[value & 0xF];
        value >>= 4;
    } while (value != 0);
    out.append("&#x");
    while (count > 0) out.push_back(digits[--count]);
    out.push_back(';');
}

// As libxml2's xmlBufAttrSerializeTxtContent: same references; with `ascii_only`
// (no declared encoding yet) non-ASCII characters as references too, and bytes
// that are no UTF-8 as references to the byte.
void append_attribute_value(OutputBuffer& out, std::string_view value, bool ascii_only) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
    const std::size_t size = value.size();
    std::size_t base = 0;
    std::size_t i = 0;
    auto byte_at = [&](std::size_t at) -> std::uint32_t { return at < size ? bytes[at] : 0u; };
    while (i < size) {
        const unsigned char byte = bytes[i];
        if (!kEscape.attribute[byte] && (byte < 0x80 || !ascii_only)) {
            ++i;
            continue;
        }
        out.append(value.data() + base, i - base);
        switch (byte) {
            case '\n':
                out.append("&#10;");
                break;
            case '\r':
                out.append("&#13;");
                break;
            case '\t':
                out.append("&#9;");
                break;
            case '"':
                out.append("&quot;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '&':
                out.append("&amp;");
                break;
            default: {
                std::uint32_t code = 0;
                std::size_t length = 1;
                if (byte >= 0xC0 && byte < 0xE0) {
                    code = ((byte & 0x1Fu) << 6) | (byte_at(i + 1) & 0x3F);
                    length = 2;
                } else if (byte >= 0xE0 && byte < 0xF0) {
                    code = ((byte & 0x0Fu) << 12) | ((byte_at(i + 1) & 0x3F) << 6) | (byte_at(i + 2) & 0x3F);
                    length = 3;
                } else if (byte >= 0xF0 && byte < 0xF8) {
                    code = ((byte & 0x07u) << 18) | ((byte_at(i + 1) & 0x3F) << 12) | ((byte_at(i + 2) & 0x3F) << 6) |
                           (byte_at(i + 3) & 0x3F);
                    length = 4;
                }
                if (length == 1 || !is_char(code) || i + length > size) {
                    append_hex_reference(out, byte);  // not UTF-8: the byte itself
                    length = 1;
                } else {
                    append_hex_reference(out, code);
                }
                i += length;
                base = i;
                continue;
            }
        }
        ++i;
        base = i;
    }
    out.append(value.data() + base, size - base);
}

// As libxml2's xmlEncodeSpecialChars.
void append_text(OutputBuffer& out, std::string_view value) {
    std::size_t base = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto byte = static_cast<unsigned char>(value[i]);
        if (!kEscape.text[byte]) continue;
        out.append(value.data() + base, i - base);
        switch (byte) {
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '&':
                out.append("&amp;");
                break;
            case '"':
                out.append("&quot;");
                break;
            default:
                out.append("&#13;");
                break;
        }
        base = i + 1;
    }
    out.append(value.data() + base, value.size() - base);
}

}  // namespace

bool is_xml_text(std::string_view utf8, std::size_t* offset) {
    // Eight bytes at a time while all are printable ASCII (0x20-0x7F), as nearly
    // all are: a byte below 0x20 borrows and one above 0x7F has its top bit set.
    // A borrow can only flag a word wrongly, never pass a bad byte.
    std::size_t i = 0;
    for (; i + 8 <= utf8.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, utf8.data() + i, sizeof word);
        if (((word - 0x2020202020202020u) | word) & 0x8080808080808080u) break;
    }
    for (; i < utf8.size(); ++i) {
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

XmlWriter::XmlWriter(ByteSink& output, bool indent) : output_(output), indent_(indent), buffer_(kFlushBytes + 4096) {}

XmlWriter::~XmlWriter() {
    // What libxml2 did when its writer was freed: the buffered bytes go out. An
    // output that failed is reported by whoever commits it, not from here.
    try {
        flush();
    } catch (...) {
    }
}

void XmlWriter::flush() {
    if (buffer_.empty()) return;
    output_.write(buffer_.view());
    buffer_.clear();
}

void XmlWriter::write_indent() {
    // libxml2 indents by the depth of the innermost open node, two spaces a level.
    static constexpr std::string_view kSpaces = "                                                                ";
    std::size_t width = open_.empty() ? 0 : 2 * (open_.size() - 1);
    if (width <= kSpaces.size()) {
        // All the spaces copied, `width` of them kept: a copy of a fixed size is a few
        // moves, where one of `width` bytes was a call (an indent per element).
        std::memcpy(buffer_.tail(kSpaces.size()), kSpaces.data(), kSpaces.size());
        buffer_.commit(width);
        return;
    }
    for (; width > kSpaces.size(); width -= kSpaces.size()) buffer_.append(kSpaces);
    buffer_.append(kSpaces.substr(0, width));
}

void XmlWriter::close_start_tag(bool newline) {
    if (open_.empty() || open_.back().state != State::name) return;
    buffer_.push_back('>');
    if (newline && indent_) buffer_.push_back('\n');
    open_.back().state = State::text;
}

void XmlWriter::start_document() {
    encoding_declared_ = true;
    put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void XmlWriter::end_document() {
    while (!open_.empty()) {
        end();
    }
    if (!indent_) buffer_.push_back('\n');
    flush();
}

void XmlWriter::start(std::string_view qualified_name) {
    close_start_tag(true);
    open_.push_back({names_.size(), qualified_name.size(), State::name});
    names_.append(qualified_name);
    if (indent_) write_indent();
    buffer_.push_back('<');
    put(qualified_name);
}

void XmlWriter::end() {
    if (open_.empty()) throw std::logic_error("XmlWriter::end without an open element");
    const Open node = open_.back();
    if (node.state == State::name) {
        if (indent_) do_indent_ = true;
        buffer_.append("/>");
    } else {
        if (indent_ && do_indent_) write_indent();
        do_indent_ = true;
        buffer_.append("</");
        buffer_.append(names_.data() + node.name_offset, node.name_size);
        buffer_.push_back('>');
    }
    if (indent_) buffer_.push_back('\n');
    open_.pop_back();
    names_.truncate(node.name_offset);
    if (buffer_.size() >= kFlushBytes) flush();
}

void XmlWriter::attribute(std::string_view qualified_name, std::string_view value) {
    if (is_plain(value) && !open_.empty() && open_.back().state == State::name) {
        char* out = buffer_.tail(qualified_name.size() + value.size() + 4);
        *out++ = ' ';
        copy_bytes(out, qualified_name.data(), qualified_name.size());
        out += qualified_name.size();
        *out++ = '=';
        *out++ = '"';
        copy_bytes(out, value.data(), value.size());
        out += value.size();
        *out = '"';
        buffer_.commit(qualified_name.size() + value.size() + 4);
        if (buffer_.size() >= kFlushBytes) flush();
        return;
    }
    std::size_t offset = 0;
    if (!is_xml_text(value, &offset)) {
        throw InputError({}, 0, 0,
                         "value of " + std::string(qualified_name) +
                             " contains a control character that XML cannot carry (byte " + std::to_string(offset + 1) +
                             ")");
    }
    if (open_.empty() || open_.back().state != State::name) {
        throw std::logic_error("XmlWriter::attribute outside a start tag");
    }
    buffer_.push_back(' ');
    buffer_.append(qualified_name);
    buffer_.append("=\"");
    append_attribute_value(buffer_, value, !encoding_declared_);
    buffer_.push_back('"');
    if (buffer_.size() >= kFlushBytes) flush();
}

void XmlWriter::text(std::string_view value) {
    std::size_t offset = 0;
    if (!is_xml_text(value, &offset)) {
        throw InputError(
            {}, 0, 0,
            "text contains a control character that XML cannot carry (byte " + std::to_string(offset + 1) + ")");
    }
    close_start_tag(false);
    if (indent_) do_indent_ = false;
    append_text(buffer_, value);
    if (buffer_.size() >= kFlushBytes) flush();
}

void XmlWriter::element(std::string_view qualified_name, std::string_view value) {
    start(qualified_name);
    text(value);
    end();
}

void XmlWriter::comment(std::string_view value) {
    close_start_tag(true);
    open_.push_back({names_.size(), 0, State::comment});
    if (indent_) write_indent();
    buffer_.append("<!--");
    if (indent_) do_indent_ = false;  // libxml2 writes the content as text
    buffer_.append(value);
    buffer_.append("-->");
    if (indent_) buffer_.push_back('\n');
    open_.pop_back();
    if (buffer_.size() >= kFlushBytes) flush();
}

}  // namespace csdmx::sdmx
