#include "core/diagnostic.h"

namespace csdmx {

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string text;
    if (!diagnostic.file.empty()) {
        text += diagnostic.file;
        if (diagnostic.line > 0) {
            text += ':' + std::to_string(diagnostic.line);
            if (diagnostic.column > 0) text += ':' + std::to_string(diagnostic.column);
        }
        text += ": ";
    }
    text += severity_name(diagnostic.severity);
    text += ": ";
    if (!diagnostic.path.empty()) text += diagnostic.path + ": ";
    text += diagnostic.message;
    return text;
}

void Diagnostics::add(Diagnostic diagnostic) {
    if (diagnostic.severity == Severity::error) {
        if (kept_errors_ >= error_limit_) {
            ++suppressed_errors_;
            return;
        }
        ++kept_errors_;
    }
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string file, std::string path, std::string message, std::string kind) {
    add({Severity::error, std::move(file), 0, 0, std::move(path), std::move(message), std::move(kind)});
}

void Diagnostics::error_at(std::string file, std::uint64_t line, std::uint64_t column, std::string message,
                           std::string kind) {
    add({Severity::error, std::move(file), line, column, {}, std::move(message), std::move(kind)});
}

void Diagnostics::warning(std::string file, std::string path, std::string message, std::string kind) {
    add({Severity::warning, std::move(file), 0, 0, std::move(path), std::move(message), std::move(kind)});
}

void Diagnostics::warning_at(std::string file, std::uint64_t line, std::uint64_t column, std::string message,
                             std::string kind) {
    add({Severity::warning, std::move(file), line, column, {}, std::move(message), std::move(kind)});
}

void Diagnostics::note(std::string file, std::string path, std::string message, std::string kind) {
    add({Severity::note, std::move(file), 0, 0, std::move(path), std::move(message), std::move(kind)});
}

void Diagnostics::problem_at(bool as_error, std::string file, std::uint64_t line, std::uint64_t column,
                             std::string message, std::string kind) {
    add({as_error ? Severity::error : Severity::warning,
         std::move(file),
         line,
         column,
         {},
         std::move(message),
         std::move(kind)});
}

void Diagnostics::append(const Diagnostics& other) {
    for (const auto& item : other.items_) add(item);
    suppressed_errors_ += other.suppressed_errors_;
}

static std::string first_message(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.items()) {
        if (d.severity == Severity::error) return format_diagnostic(d);
    }
    return "invalid input";
}

InputError::InputError(Diagnostics diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(std::string file, std::uint64_t line, std::uint64_t column, std::string message)
    : InputError([&] {
          Diagnostics d;
          d.error_at(std::move(file), line, column, std::move(message));
          return d;
      }()) {}

}  // namespace csdmx
