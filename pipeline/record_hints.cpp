#include "pipeline/record_hints.h"

#include <cctype>

namespace csdmx::mapping {

namespace {

constexpr std::size_t kListedKeyProblems = 5;
constexpr const char* kRecordAdvice =
    "this looks like one row per record (a survey response, a sensor reading), not a table of "
    "observations: such files are tabulated into statistics with a \"tabulation\" on the resource; see "
    "docs/tabulation.md";

bool is_key_problem(const Diagnostic& d) {
    return d.kind == "dimension-missing" || d.kind == "duplicate" || d.kind == "time";
}

bool digits(const std::string& text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

}  // namespace

bool looks_like_timestamp(const std::string& text) {
    // YYYY-MM-DD, then T or a space, then hh:mm
    return text.size() >= 16 && digits(text, 0, 4) && text[4] == '-' && digits(text, 5, 2) && text[7] == '-' &&
           digits(text, 8, 2) && (text[10] == 'T' || text[10] == ' ') && digits(text, 11, 2) && text[13] == ':' &&
           digits(text, 14, 2);
}

bool looks_like_url(const std::string& text) {
    return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

void append_condensing_key_floods(Diagnostics& into, const Diagnostics& from, const std::string& file) {
    std::size_t key_errors = 0;
    for (const auto& item : from.items()) {
        if (is_key_problem(item) && item.severity == Severity::error) ++key_errors;
    }
    // Errors beyond the limit were counted, not kept: they are key problems too.
    key_errors += from.suppressed_errors();
    // Only errors flood: warnings (identical duplicates left out, rows skipped by policy)
    // are each listed as before.
    if (key_errors <= kKeyFloodThreshold) {
        into.append(from);
        return;
    }
    std::size_t listed = 0;
    for (const auto& item : from.items()) {
        const bool key_error = is_key_problem(item) && item.severity == Severity::error;
        if (key_error && listed++ >= kListedKeyProblems) continue;
        into.add(item);
    }
    into.error(file, {},
               std::to_string(key_errors - kListedKeyProblems) +
                   " more error(s) with the keys of rows, like those above, not listed: " + kRecordAdvice,
               "records");
}

void warn_record_like_dimensions(const GeneratedComponents& components, std::uint64_t rows, const std::string& file,
                                 Diagnostics& diagnostics) {
    for (const auto& dimension : components.dimensions) {
        const std::size_t codes = dimension.codes.size();
        std::string example;
        for (const auto& [code, name] : dimension.codes) {
            if (looks_like_timestamp(name) || looks_like_url(name)) {
                example = name;
                break;
            }
        }
        if (!example.empty()) {
            diagnostics.warning(file, dimension.id,
                                "the dimension's codes include \"" + example + "\", a " +
                                    (looks_like_url(example) ? "web address" : "timestamp") +
                                    ", which identifies a record rather than classifying it; " + kRecordAdvice,
                                "records");
        } else if (codes >= 20 && codes * 10 >= rows * 9) {
            diagnostics.warning(file, dimension.id,
                                "the dimension has " + std::to_string(codes) + " codes for " + std::to_string(rows) +
                                    " rows, nearly one per row: a code that identifies a row classifies nothing; " +
                                    kRecordAdvice,
                                "records");
        }
    }
}

}  // namespace csdmx::mapping
