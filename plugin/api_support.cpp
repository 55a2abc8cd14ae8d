#include "plugin/api_support.h"

#include <algorithm>
#include <stdexcept>

namespace csdmx::api {

namespace {
thread_local std::string last_error;
}

void set_last_error(std::string text) {
    last_error = std::move(text);
}
void clear_last_error() {
    last_error.clear();
}
const char* current_last_error() {
    return last_error.c_str();
}

Options::Options(const char* const* options, const std::vector<std::string>& allowed) {
    if (options == nullptr) return;
    for (const char* const* option = options; *option != nullptr; ++option) {
        std::string text = *option;
        auto equals = text.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw std::invalid_argument("option \"" + text + "\" is not of the form KEY=VALUE");
        }
        std::string key = text.substr(0, equals);
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string known;
            for (const auto& name : allowed) known += (known.empty() ? "" : ", ") + name;
            throw std::invalid_argument("unknown option " + key + " (known: " + (known.empty() ? "none" : known) + ")");
        }
        items_.emplace_back(key, text.substr(equals + 1));
    }
}

const std::string* Options::get(const std::string& key) const {
    const std::string* found = nullptr;
    for (const auto& [name, value] : items_) {
        if (name == key) found = &value;  // the last one wins
    }
    return found;
}

std::vector<std::string> Options::all(const std::string& key) const {
    std::vector<std::string> values;
    for (const auto& [name, value] : items_) {
        if (name == key) values.push_back(value);
    }
    return values;
}

}  // namespace csdmx::api

void csdmx_result::add(const csdmx::Diagnostics& source) {
    for (const auto& item : source.items()) {
        csdmx_severity severity = item.severity == csdmx::Severity::error     ? CSDMX_SEVERITY_ERROR
                                  : item.severity == csdmx::Severity::warning ? CSDMX_SEVERITY_WARNING
                                                                              : CSDMX_SEVERITY_NOTE;
        diagnostics.push_back({severity, item.file, item.path, item.message, item.kind, item.line, item.column});
    }
    suppressed_errors += source.suppressed_errors();
}

extern "C" const char* csdmx_last_error(void) {
    return csdmx::api::current_last_error();
}
