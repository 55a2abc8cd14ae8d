// Problems found in user input, reported all at once with their location.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace csdmx {

enum class Severity { error, warning, note };

// One problem in one place. `path` names the place inside structured input
// (a JSON path such as citizen_data.producer.type, or an SDMX component id);
// line and column are 1-based and 0 when unknown.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    std::string path;
    std::string message;
    // What sort of problem, for summaries and filters: "type", "field-count",
    // "encoding", "metadata", ... Empty when not classified.
    std::string kind;
};

// Text quoted from untrusted input made safe to print and to serialise: bytes that
// are not UTF-8 become \xFF, control characters (ESC, CR, LF, ... and the C1 and
// bidirectional controls) become \x1B, \r, \n, \u202E, so a cell can neither
// drive a terminal nor forge a line of the report, and JSON output never meets
// invalid UTF-8. Every Diagnostic added to Diagnostics goes through it.
std::string printable_text(std::string_view text);

// "FILE:LINE:COLUMN: error: PATH: message", leaving out the parts that are unknown.
std::string format_diagnostic(const Diagnostic& diagnostic);
const char* severity_name(Severity severity);

class Diagnostics {
public:
    // Keeps at most `limit` errors and counts the rest, so a file with a million
    // bad rows reports the first ones and a total instead of exhausting memory.
    void set_error_limit(std::size_t limit) { error_limit_ = limit; }
    std::size_t suppressed_errors() const { return suppressed_errors_; }
    void add_suppressed_errors(std::size_t count) { suppressed_errors_ += count; }

    void add(Diagnostic diagnostic);
    void error(std::string file, std::string path, std::string message, std::string kind = {});
    void error_at(std::string file, std::uint64_t line, std::uint64_t column, std::string message,
                  std::string kind = {});
    void warning(std::string file, std::string path, std::string message, std::string kind = {});
    void warning_at(std::string file, std::uint64_t line, std::uint64_t column, std::string message,
                    std::string kind = {});
    void note(std::string file, std::string path, std::string message, std::string kind = {});
    // An error, or a warning when `as_error` is false (problems a policy lets pass).
    void problem_at(bool as_error, std::string file, std::uint64_t line, std::uint64_t column, std::string message,
                    std::string kind);
    void append(const Diagnostics& other);

    bool has_errors() const { return kept_errors_ + suppressed_errors_ > 0; }
    std::size_t error_count() const { return kept_errors_ + suppressed_errors_; }
    const std::vector<Diagnostic>& items() const { return items_; }
    bool empty() const { return items_.empty(); }

private:
    std::vector<Diagnostic> items_;
    std::size_t error_limit_ = static_cast<std::size_t>(-1);
    std::size_t kept_errors_ = 0;
    std::size_t suppressed_errors_ = 0;
};

// Thrown when input cannot be used at all (unreadable file, malformed JSON, ...).
// Carries the diagnostics gathered so far, so callers can still report every problem.
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostics diagnostics);
    InputError(std::string file, std::uint64_t line, std::uint64_t column, std::string message);
    const Diagnostics& diagnostics() const { return diagnostics_; }

private:
    Diagnostics diagnostics_;
};

// Thrown when the environment lacks something (schemas not found, disk full ...).
class EnvironmentError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace csdmx
