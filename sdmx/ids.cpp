#include "sdmx/ids.h"

#include <vector>

namespace csdmx::sdmx {

namespace {
bool is_id_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '@' ||
           c == '$' || c == '-';
}
}  // namespace

bool is_sdmx_id(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (!is_id_char(c)) return false;
    }
    return true;
}

bool is_agency_id(std::string_view text) {
    if (text.empty()) return false;
    char first = text.front();
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || first == '_')) return false;
    for (char c : text) {
        if (!is_id_char(c) || c == '@' || c == '$') return false;
    }
    return true;
}

std::string to_sdmx_id(std::string_view text) {
    std::string id;
    bool pending_separator = false;
    for (char c : text) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!keep) {
            pending_separator = !id.empty();
            continue;
        }
        if (pending_separator) id += '_';
        pending_separator = false;
        id += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return id;
}

bool is_code_form(std::string_view text) {
    if (!is_sdmx_id(text)) return false;
    for (char c : text) {
        if (c >= 'a' && c <= 'z') return false;
    }
    return true;
}

std::optional<CodeIdCase> parse_code_id_case(std::string_view text) {
    if (text == "upper") return CodeIdCase::upper;
    if (text == "keep") return CodeIdCase::keep;
    return std::nullopt;
}

void CodeAssigner::reserve(const std::string& code) {
    used_codes_.insert(code);
}

void CodeAssigner::preset(const std::string& value, const std::string& code) {
    presets_[value] = code;
    used_codes_.insert(code);
}

const std::string& CodeAssigner::code_for(const std::string& value) {
    if (auto seen = by_value_.find(value); seen != by_value_.end()) return seen->second;
    std::string code;
    if (auto preset = presets_.find(value); preset != presets_.end()) {
        code = preset->second;
    } else {
        // A value already in code form keeps it ("_T" stays "_T", not "T"); with `keep`,
        // so does any valid id ("female").
        const bool unchanged = id_case_ == CodeIdCase::keep ? is_sdmx_id(value) : is_code_form(value);
        std::string base = unchanged ? value : to_sdmx_id(value);
        if (base.empty()) base = "V";
        code = base;
        for (int suffix = 2; used_codes_.count(code); ++suffix) code = base + "_" + std::to_string(suffix);
        used_codes_.insert(code);
    }
    order_.emplace_back(value, code);
    return by_value_.emplace(value, std::move(code)).first->second;
}

}  // namespace csdmx::sdmx
