// Registry addresses: http:// and https:// URLs split into what a connection needs.
#pragma once

#include <string>
#include <string_view>

namespace csdmx::registry {

struct Url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets for IPv6 literals
    std::string port;    // always set: the scheme's default when the URL has none
    std::string target;  // path and query, "/" at least

    bool tls() const { return scheme == "https"; }
    // The Host header: host, and the port when it is not the scheme's default.
    std::string host_header() const;
    // scheme://host[:port] followed by target; what people see in messages.
    std::string text() const;
    // This URL with `path` appended to its path (one '/' between them).
    Url with_path(std::string_view path) const;
};

// Throws std::invalid_argument naming what is wrong (only http and https, a host
// is required, no user:password@ part: credentials never go in a URL).
Url parse_url(std::string_view text);

bool is_url(std::string_view text);

// For path segments and query values: everything but RFC 3986 unreserved
// characters percent-encoded, so no byte of `text` can end a segment, climb a
// folder (".." stays literal only as a whole segment: callers refuse it) or
// break the request line (CR, LF, space).
std::string percent_encode(const std::string& text);

}  // namespace csdmx::registry
