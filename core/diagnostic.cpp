#include "core/diagnostic.h"

#include <cstdio>

#include "core/utf8.h"

namespace csdmx {

namespace {

std::string escaped(const char* format, unsigned value) {
    char text[12];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// Length of the UTF-8 sequence at `at` and its code point, or 0 when invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t at, std::uint32_t& code) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
        code = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, code = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, code = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, code = lead & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(text[at + k]);
        if ((byte & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

bool is_control(std::uint32_t code) {
    return code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F) || (code >= 0x202A && code <= 0x202E) ||
           (code >= 0x2066 && code <= 0x2069) || code == 0x2028 || code == 0x2029;
}

constexpr std::size_t kMaxDiagnosticText = 4096;

}  // namespace

bool is_valid_utf8(std::string_view text) {
    std::uint32_t code = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = utf8_sequence(text, at, code);
        if (length == 0) return false;
        at += length;
    }
    return true;
}

std::string printable_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t code = 0;
        const std::size_t length = utf8_sequence(text, at, code);
        if (length == 0) {
            out += escaped("\\x%02X", static_cast<unsigned char>(text[at]));
            ++at;
            continue;
        }
        if (!is_control(code)) {
            out.append(text.substr(at, length));
        } else if (code == '\n') {
            out += "\\n";
        } else if (code == '\r') {
            out += "\\r";
        } else if (code == '\t') {
            out += "\\t";
        } else if (code < 0x80) {
            out += escaped("\\x%02X", code);
        } else {
            out += escaped("\\u%04X", code);
        }
        at += length;
    }
    return out;
}

// Most text is already clean; copy only when something must change.
static void make_printable(std::string& text) {
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7F) {
            text = printable_text(text);
            return;
        }
    }
}

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

// A message quoting a megabyte cell would make a megabyte report line.
static void shorten(std::string& text, std::size_t limit) {
    if (text.size() <= limit) return;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    const std::size_t total = text.size();
    text.resize(cut);
    text += "... (" + std::to_string(total) + " bytes in all)";
}

void Diagnostics::add(Diagnostic diagnostic) {
    make_printable(diagnostic.file);
    make_printable(diagnostic.path);
    make_printable(diagnostic.message);
    shorten(diagnostic.path, kMaxDiagnosticText);
    shorten(diagnostic.message, kMaxDiagnosticText);
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
