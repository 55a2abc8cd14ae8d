// Downloads one archive over HTTP(S) with registry::HttpClient, following
// redirects (GitHub answers an archive URL with a redirect to its download host).
#pragma once

#include <string>

#include "registry/http_client.h"

namespace csdmx::schemas {

struct Download {
    std::string url;  // where the bytes finally came from
    std::string body;
};

// Throws registry::UnreachableError when the server cannot be reached, answers
// anything but 200 after at most 5 redirects, or redirects from https to http.
Download download(const std::string& url, const registry::HttpOptions& options);

}  // namespace csdmx::schemas
