// "KEY=VALUE" options in the NULL-terminated form the C interface takes.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace csdmx::cli {

// An existing file, or an http(s) URL the library fetches (--dsd URL).
inline CLI::Validator file_or_url() {
    return {[](std::string& value) -> std::string {
                if (value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0) return "";
                return CLI::ExistingFile(value);
            },
            "FILE|URL"};
}

class OptionList {
public:
    // Empty values are left out: the library's default applies.
    void add(const std::string& key, const std::string& value) {
        if (!value.empty()) texts_.push_back(key + "=" + value);
    }
    // Also empty values (a missing-value marker may be the empty text).
    void add_always(const std::string& key, const std::string& value) { texts_.push_back(key + "=" + value); }
    // Valid until the next add().
    const char* const* get() {
        pointers_.clear();
        for (const auto& text : texts_) pointers_.push_back(text.c_str());
        pointers_.push_back(nullptr);
        return pointers_.data();
    }

private:
    std::vector<std::string> texts_;
    std::vector<const char*> pointers_;
};

}  // namespace csdmx::cli
