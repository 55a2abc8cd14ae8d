// ASCII case folding for matching codes, names and markers people type in
// different cases. Bytes above 127 (UTF-8) are left as they are.
#pragma once

#include <string>

namespace csdmx {

inline std::string ascii_lower(std::string text) {
    for (auto& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

inline std::string ascii_upper(std::string text) {
    for (auto& c : text) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return text;
}

}  // namespace csdmx
