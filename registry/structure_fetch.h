// `--dsd URL`: a DSD (with its codelists and concepts) fetched from a registry's
// SDMX REST API and kept in a local cache, so a mapping runs again offline and on
// the very structures it ran on before.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "registry/http_client.h"

namespace csdmx::registry {

struct FetchOptions {
    // Where fetched structures are kept: CSDMX_CACHE_DIR, else
    // $XDG_CACHE_HOME/citizen-sdmx, else ~/.cache/citizen-sdmx.
    std::optional<std::filesystem::path> cache_dir;
    bool refresh = false;  // fetch again even when cached
    HttpOptions http;
};

std::filesystem::path default_cache_dir();

// The local copy of the structures at `url` (".../datastructure/{agency}/{id}/{version}";
// "references=children" is added when the URL asks for no references), fetched
// when not cached. Credentials are sent only from a netrc entry for the URL's host.
// Throws InputError when the registry answers with an error or not with a
// structure message, UnreachableError when it cannot be reached.
std::filesystem::path fetch_structure(const std::string& url, const FetchOptions& options);

}  // namespace csdmx::registry
