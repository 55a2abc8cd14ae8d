// A small HTTP/1.1 client for registries, on Boost.Beast and Asio with OpenSSL.
//
// What it promises: TLS certificates and host names are verified (a private CA
// through `ca_file`); every network step has a deadline; request bodies stream
// from disk, so pushing a large data message does not load it into memory;
// connection failures and 502/503/504 answers are retried with exponential
// backoff, nothing else is (a 4xx or a 500 is the registry's answer, not bad luck).
// Headers are never logged, so an Authorization header cannot leak.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "registry/url.h"

namespace csdmx::registry {

struct HttpRequest {
    std::string method = "GET";
    std::vector<std::pair<std::string, std::string>> headers;
    // The body is prefix, then the file's bytes (if any), then suffix: enough for a
    // file alone and for a multipart form around one file.
    std::string body_prefix;
    std::optional<std::filesystem::path> body_file;
    std::string body_suffix;
};

struct HttpResponse {
    int status = 0;
    std::string reason;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // The first header of that name (case-insensitive), "" when absent.
    std::string header(const std::string& name) const;
};

struct HttpOptions {
    std::chrono::milliseconds timeout{30000};       // for each step: connect, handshake, send, answer
    unsigned retries = 3;                           // further attempts after the first
    std::chrono::milliseconds first_backoff{1000};  // doubled after each attempt
    std::optional<std::filesystem::path> ca_file;   // trust this CA instead of the system's
    std::size_t max_response_bytes = 256U << 20U;
    std::function<void(const std::string&)> log;  // progress lines for people; never headers
};

// The registry could not be reached, or kept answering 502/503/504, after every attempt.
class UnreachableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The server's certificate is not trusted or not for this host: never retried.
class UntrustedServerError : public UnreachableError {
public:
    using UnreachableError::UnreachableError;
};

class HttpClient {
public:
    explicit HttpClient(HttpOptions options) : options_(std::move(options)) {}
    // Sends the request, retrying as described above. Any answer that is not
    // retried is returned, whatever its status.
    HttpResponse send(const Url& url, const HttpRequest& request) const;
    const HttpOptions& options() const { return options_; }

private:
    void log(const std::string& line) const;
    HttpOptions options_;
};

// "Basic base64(user:password)".
std::string basic_authorization(const std::string& user, const std::string& password);

}  // namespace csdmx::registry
