// What the libFuzzer targets share. The readers take paths, so each input is written
// to a file in a folder of this process (under TMPDIR), removed at exit.
//
// A target lets only csdmx::InputError pass: bad input must be a located error. Any
// other exception reaching libFuzzer aborts the run and is a finding, as would be an
// internal error (exit 70) for a user.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace csdmx::fuzz {

class ScratchFolder {
public:
    ScratchFolder() : path_(std::filesystem::temp_directory_path() / ("csdmx-fuzz-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline const std::filesystem::path& scratch() {
    static const ScratchFolder folder;
    return folder.path();
}

inline std::filesystem::path write_input(const std::string& name, std::string_view bytes) {
    const auto path = scratch() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A value from the environment (set by tests/fuzz/run-fuzzers), else `fallback`.
inline std::string setting(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace csdmx::fuzz
