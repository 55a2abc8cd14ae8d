// Registry credentials, from the environment or a netrc file only: never from the
// command line (where `ps` and shell history would show them) and never logged.
//
//   CSDMX_REGISTRY_USER + CSDMX_REGISTRY_PASSWORD   HTTP Basic (FMR, SDMX REST)
//   CSDMX_REGISTRY_TOKEN                            Bearer token (.Stat Suite)
//   otherwise the netrc file ($NETRC, else ~/.netrc): the `machine` entry for
//   the registry's host (or `default`); its password doubles as the token.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace csdmx::registry {

struct Credentials {
    std::string user;
    std::string password;
    std::string token;
    std::string source;  // "environment", "netrc <file>", or "" when none were found

    bool has_basic() const { return !user.empty(); }
    bool has_token() const { return !token.empty(); }
};

// The credentials for `host`. Throws std::invalid_argument for a netrc file that
// cannot be read as one (naming the file and line).
Credentials find_credentials(const std::string& host);

// $NETRC, else ~/.netrc ("" when there is no home).
std::filesystem::path netrc_path();

// The entry for `host` in a netrc file (the `default` entry when none matches);
// nullopt when the file has neither.
std::optional<Credentials> read_netrc(const std::filesystem::path& file, const std::string& host);

}  // namespace csdmx::registry
