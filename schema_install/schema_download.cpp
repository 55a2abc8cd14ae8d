#include "schema_install/schema_download.h"

#include "registry/url.h"

namespace csdmx::schemas {

namespace {

constexpr int kMaxRedirects = 5;

bool is_redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

registry::Url follow(const registry::Url& from, const std::string& location) {
    if (location.starts_with("/")) {
        registry::Url next = from;
        next.target = location;
        return next;
    }
    registry::Url next = registry::parse_url(location);
    // A download that started over TLS stays over TLS: the digests protect the
    // files, but not the user's privacy or the answers to further requests.
    if (from.tls() && !next.tls()) {
        throw registry::UnreachableError(from.text() + " redirects to " + next.text() +
                                         ", from https to http: refused");
    }
    return next;
}

}  // namespace

Download download(const std::string& url, const registry::HttpOptions& options) {
    registry::Url current = registry::parse_url(url);
    const registry::HttpClient client(options);
    for (int hop = 0; hop <= kMaxRedirects; ++hop) {
        registry::HttpRequest request;
        request.headers.emplace_back("Accept", "application/gzip, application/octet-stream, */*");
        registry::HttpResponse response = client.send(current, request);
        if (is_redirect(response.status)) {
            const std::string location = response.header("Location");
            if (location.empty()) {
                throw registry::UnreachableError(current.text() + " answered " + std::to_string(response.status) +
                                                 " without a Location");
            }
            current = follow(current, location);
            continue;
        }
        if (response.status != 200) {
            throw registry::UnreachableError(current.text() + " answered " + std::to_string(response.status) + " " +
                                             response.reason);
        }
        return {current.text(), std::move(response.body)};
    }
    throw registry::UnreachableError(url + ": more than " + std::to_string(kMaxRedirects) + " redirects");
}

}  // namespace csdmx::schemas
