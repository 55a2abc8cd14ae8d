// SHA-256 digests of input files, for provenance annotations and the audit trail.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace csdmx {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    // Lower-case hexadecimal digest; the object cannot be updated afterwards.
    std::string hex_digest();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Streams the file through the digest; throws InputError when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace csdmx
