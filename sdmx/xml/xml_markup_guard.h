// A byte-level look at XML markup before libxml2 parses it, for what libxml2 2.9
// does not bound itself: the attributes of one start tag. libxml2 checks each new
// attribute against all earlier ones of the element, so a single tag with 200,000
// attributes (2 MB) keeps the parser busy for minutes. The guard counts the
// attributes of every start tag as the bytes stream past and refuses the document
// at the first tag over the limit, naming its line and column.
//
// It recognises just enough XML to count: start tags, quoted attribute values,
// end tags, comments, CDATA sections, processing instructions and declarations.
// Anything malformed is left for libxml2 to report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csdmx::sdmx {

struct MarkupRefusal {
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    std::string message;
};

class XmlMarkupGuard {
public:
    explicit XmlMarkupGuard(std::size_t max_attributes_per_element);

    // Looks at the next bytes of the document; false once a limit is exceeded
    // (refusal() then says where). Chunks may split any construct.
    bool feed(std::string_view bytes);
    const std::optional<MarkupRefusal>& refusal() const { return refusal_; }

private:
    enum class State {
        text,
        after_less_than,        // "<" seen: start tag, end tag, "<!" or "<?" follows
        start_tag,              // counting attributes
        quoted_value,           // inside an attribute value, until quote_
        end_tag,                // "</...": until ">"
        after_bang,             // "<!": comment, CDATA or a declaration follows
        comment,                // until "-->"
        cdata,                  // until "]]>"
        declaration,            // "<!DOCTYPE ..." and the like: until ">" (refused later anyway)
        processing_instruction  // until "?>"
    };

    void step(char byte);

    std::size_t max_attributes_;
    State state_ = State::text;
    char quote_ = '\0';
    std::size_t attributes_ = 0;
    std::string opening_;      // the bytes after "<!", at most 7
    std::size_t matched_ = 0;  // progress through a closing delimiter
    std::uint64_t line_ = 1;
    std::uint64_t column_ = 0;
    std::uint64_t tag_line_ = 1;
    std::uint64_t tag_column_ = 0;
    std::optional<MarkupRefusal> refusal_;
};

}  // namespace csdmx::sdmx
