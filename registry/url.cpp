#include "registry/url.h"

#include <stdexcept>

namespace csdmx::registry {

namespace {

std::string default_port(const std::string& scheme) {
    return scheme == "https" ? "443" : "80";
}

}  // namespace

bool is_url(std::string_view text) {
    return text.starts_with("http://") || text.starts_with("https://");
}

Url parse_url(std::string_view text) {
    Url url;
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) {
        throw std::invalid_argument("'" + std::string(text) + "' is not a URL (expected http://... or https://...)");
    }
    url.scheme = std::string(text.substr(0, scheme_end));
    if (url.scheme != "http" && url.scheme != "https") {
        throw std::invalid_argument("'" + std::string(text) + "': only http and https are supported");
    }
    std::string_view rest = text.substr(scheme_end + 3);
    const auto path_start = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, path_start);
    url.target = path_start == std::string_view::npos ? "/" : std::string(rest.substr(path_start));
    if (url.target.front() == '?') url.target.insert(0, "/");
    if (authority.find('@') != std::string_view::npos) {
        throw std::invalid_argument("'" + std::string(text) +
                                    "' holds credentials; give them in the environment or a netrc file instead");
    }
    if (authority.starts_with("[")) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) throw std::invalid_argument("'" + std::string(text) + "': unclosed [");
        url.host = std::string(authority.substr(1, close - 1));
        authority.remove_prefix(close + 1);
        if (authority.starts_with(":")) url.port = std::string(authority.substr(1));
    } else {
        const auto colon = authority.rfind(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) url.port = std::string(authority.substr(colon + 1));
    }
    if (url.host.empty()) throw std::invalid_argument("'" + std::string(text) + "' names no host");
    if (url.port.empty()) url.port = default_port(url.scheme);
    if (url.port.find_first_not_of("0123456789") != std::string::npos) {
        throw std::invalid_argument("'" + std::string(text) + "': the port must be a number");
    }
    return url;
}

std::string Url::host_header() const {
    const std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return port == default_port(scheme) ? name : name + ":" + port;
}

std::string Url::text() const {
    return scheme + "://" + host_header() + target;
}

Url Url::with_path(std::string_view path) const {
    Url joined = *this;
    const auto query = joined.target.find('?');
    std::string base = joined.target.substr(0, query);
    while (!base.empty() && base.back() == '/') base.pop_back();
    while (path.starts_with("/")) path.remove_prefix(1);
    joined.target = base + "/" + std::string(path);
    return joined;
}

std::string percent_encode(const std::string& text) {
    static const char* digits = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : text) {
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += digits[c >> 4U];
            encoded += digits[c & 15U];
        }
    }
    return encoded;
}

}  // namespace csdmx::registry
