#include "package/text_pattern.h"

#include <re2/re2.h>

namespace csdmx::package {

TextPattern::TextPattern(const std::string& pattern) : text_(pattern) {
    RE2::Options options;
    options.set_log_errors(false);  // the error goes into a diagnostic, not to stderr
    auto compiled = std::make_shared<const RE2>(pattern, options);
    if (compiled->ok()) {
        compiled_ = std::move(compiled);
    } else {
        error_ = compiled->error();
        if (error_.empty()) error_ = "not a usable regular expression";
    }
}

bool TextPattern::valid() const {
    return compiled_ != nullptr;
}

bool TextPattern::full_match(std::string_view value) const {
    return compiled_ && RE2::FullMatch(re2::StringPiece(value.data(), value.size()), *compiled_);
}

bool TextPattern::partial_match(std::string_view value) const {
    return compiled_ && RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), *compiled_);
}

}  // namespace csdmx::package
