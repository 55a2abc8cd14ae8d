#include "registry/structure_fetch.h"

#include "core/atomic_output.h"
#include "core/diagnostic.h"
#include "core/environment.h"
#include "core/sha256.h"
#include "registry/answers.h"
#include "registry/credentials.h"
#include "sdmx/validation/message_validator.h"

namespace csdmx::registry {

std::filesystem::path default_cache_dir() {
    if (!environment_variable("CSDMX_CACHE_DIR").empty()) return environment_variable("CSDMX_CACHE_DIR");
    if (!environment_variable("XDG_CACHE_HOME").empty())
        return std::filesystem::path(environment_variable("XDG_CACHE_HOME")) / "citizen-sdmx";
    if (!environment_variable("HOME").empty())
        return std::filesystem::path(environment_variable("HOME")) / ".cache/citizen-sdmx";
    return std::filesystem::temp_directory_path() / "citizen-sdmx-cache";
}

std::filesystem::path fetch_structure(const std::string& text, const FetchOptions& options) {
    Url url = parse_url(text);
    if (url.target.find("references=") == std::string::npos) {
        url.target += url.target.find('?') == std::string::npos ? "?references=children" : "&references=children";
    }
    const auto directory = options.cache_dir.value_or(default_cache_dir());
    Sha256 digest;
    digest.update(url.text());
    auto cached = directory / ("structure-" + digest.hex_digest().substr(0, 32) + ".xml");
    if (!options.refresh && std::filesystem::exists(cached)) return cached;

    HttpRequest request;
    request.headers.emplace_back("Accept",
                                 "application/vnd.sdmx.structure+xml;version=2.1, "
                                 "application/vnd.sdmx.structure+xml;version=3.0.0;q=0.9, application/xml;q=0.5");
    // Only a netrc entry for this very host: environment credentials are meant for
    // the registry pushed to, and must not travel to whatever host a URL names.
    if (auto credentials = read_netrc(netrc_path(), url.host); credentials && credentials->has_basic()) {
        request.headers.push_back(authorization_header(*credentials, false));
    }
    const HttpResponse response = HttpClient(options.http).send(url, request);
    if (response.status != 200) {
        throw InputError(url.text(), 0, 0,
                         "the registry answered HTTP " + std::to_string(response.status) + " " + response.reason +
                             (response.body.empty() ? "" : ": " + first_line(response.body)));
    }
    std::filesystem::create_directories(directory);
    AtomicOutputFile file(cached);
    file.write(response.body);
    file.finish();
    if (sdmx::classify_message(file.temp_path()) != sdmx::MessageKind::structure) {
        throw InputError(url.text(), 0, 0,
                         "expected an SDMX-ML structure message, got: " + first_line(response.body, 80));
    }
    file.commit();
    return cached;
}

}  // namespace csdmx::registry
