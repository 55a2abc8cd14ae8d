// A self-signed certificate made at test time (never a key committed to the repo),
// for the in-process HTTPS registry.
#pragma once

#include <filesystem>
#include <string>

namespace csdmx::test {

struct TestCertificate {
    std::string certificate_pem;
    std::string private_key_pem;
    // For "localhost" and 127.0.0.1, valid from an hour ago for a day; its own CA.
    static TestCertificate make_self_signed();
    void write_certificate(const std::filesystem::path& file) const;
};

}  // namespace csdmx::test
