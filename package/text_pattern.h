// A regular expression from an untrusted descriptor, run on untrusted text in time
// linear in the text (RE2). std::regex is not used on input: it recurses once per
// character, so a long cell or identifier overflows the stack.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace csdmx::package {

class TextPattern {
public:
    // Compiles `pattern` (RE2 syntax, which covers the XML Schema and JSON Schema
    // patterns met in practice; back-references and look-arounds are refused).
    explicit TextPattern(const std::string& pattern);

    bool valid() const;
    // Why the pattern cannot be used; empty when valid.
    const std::string& error() const { return error_; }
    const std::string& text() const { return text_; }
    // Table Schema patterns are XML Schema patterns: the whole value must match.
    bool full_match(std::string_view value) const;
    // JSON Schema patterns are not anchored: a match anywhere counts.
    bool partial_match(std::string_view value) const;

private:
    std::string text_;
    std::string error_;
    std::shared_ptr<const re2::RE2> compiled_;
};

}  // namespace csdmx::package
