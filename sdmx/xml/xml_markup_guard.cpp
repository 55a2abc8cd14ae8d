#include "sdmx/xml/xml_markup_guard.h"

namespace csdmx::sdmx {

namespace {
constexpr std::string_view kCommentOpen = "--";     // after "<!"
constexpr std::string_view kCdataOpen = "[CDATA[";  // after "<!"
constexpr std::string_view kCommentClose = "-->";
constexpr std::string_view kCdataClose = "]]>";
constexpr std::string_view kPiClose = "?>";

// Advances `matched` through `delimiter` with `byte`; true when it is complete.
// The delimiters above repeat no prefix except by their first character, so a
// mismatch restarts at 0, or at 1 when the byte begins the delimiter again.
bool match_delimiter(std::string_view delimiter, std::size_t& matched, char byte) {
    if (byte == delimiter[matched]) {
        if (++matched == delimiter.size()) {
            matched = 0;
            return true;
        }
        return false;
    }
    // "--->" and "]]]>": a repeated first characters keep the match alive.
    if (matched > 0 && byte == delimiter[matched - 1] && delimiter[0] == delimiter[matched - 1]) return false;
    matched = byte == delimiter[0] ? 1 : 0;
    return false;
}
}  // namespace

XmlMarkupGuard::XmlMarkupGuard(std::size_t max_attributes_per_element) : max_attributes_(max_attributes_per_element) {}

bool XmlMarkupGuard::feed(std::string_view bytes) {
    for (char byte : bytes) {
        if (refusal_) return false;
        if (byte == '\n') {
            ++line_;
            column_ = 0;
        } else if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) {
            ++column_;  // columns count characters, not UTF-8 continuation bytes
        }
        step(byte);
    }
    return !refusal_;
}

void XmlMarkupGuard::step(char byte) {
    switch (state_) {
        case State::text:
            if (byte == '<') {
                state_ = State::after_less_than;
                tag_line_ = line_;
                tag_column_ = column_;
            }
            return;
        case State::after_less_than:
            if (byte == '!') {
                state_ = State::after_bang;
                opening_.clear();
            } else if (byte == '?') {
                state_ = State::processing_instruction;
                matched_ = 0;
            } else if (byte == '/') {
                state_ = State::end_tag;
            } else {
                state_ = State::start_tag;
                attributes_ = 0;
            }
            return;
        case State::start_tag:
            if (byte == '"' || byte == '\'') {
                quote_ = byte;
                state_ = State::quoted_value;
            } else if (byte == '=') {
                if (++attributes_ > max_attributes_) {
                    refusal_ = MarkupRefusal{tag_line_, tag_column_,
                                             "an element with more than " + std::to_string(max_attributes_) +
                                                 " attributes (SDMX elements have a few dozen at most; "
                                                 "refused so that parsing stays fast)"};
                }
            } else if (byte == '>') {
                state_ = State::text;
            }
            return;
        case State::quoted_value:
            if (byte == quote_) state_ = State::start_tag;
            return;
        case State::end_tag:
            if (byte == '>') state_ = State::text;
            return;
        case State::after_bang:
            // What the bytes after "<!" spell: "--" (comment), "[CDATA[" or a declaration.
            opening_ += byte;
            if (opening_ == kCommentOpen) {
                state_ = State::comment;
                matched_ = 0;
            } else if (opening_ == kCdataOpen) {
                state_ = State::cdata;
                matched_ = 0;
            } else if (!kCommentOpen.starts_with(opening_) && !kCdataOpen.starts_with(opening_)) {
                state_ = byte == '>' ? State::text : State::declaration;
            }
            return;
        case State::comment:
            if (match_delimiter(kCommentClose, matched_, byte)) state_ = State::text;
            return;
        case State::cdata:
            if (match_delimiter(kCdataClose, matched_, byte)) state_ = State::text;
            return;
        case State::declaration:
            if (byte == '>') state_ = State::text;
            return;
        case State::processing_instruction:
            if (match_delimiter(kPiClose, matched_, byte)) state_ = State::text;
            return;
    }
}

}  // namespace csdmx::sdmx
