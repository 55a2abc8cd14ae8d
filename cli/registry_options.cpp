#include "cli/registry_options.h"

namespace csdmx::cli {

CLI::Option* add_registry_options(CLI::App& command, RegistryArguments& args) {
    CLI::Option* api =
        command.add_option("--api", args.api, "sdmx-rest-v2, fmr (Fusion Metadata Registry) or dotstat (.Stat Suite)")
            ->check(CLI::IsMember({"sdmx-rest-v2", "fmr", "dotstat"}));
    command.add_option("--action", args.action,
                       "sdmx-rest-v2: append (default), replace, delete; fmr: REPLACE (default), APPEND, MERGE, "
                       "FULLREPLACE, DELETE");
    command.add_option("--transfer", args.transfer, ".Stat Suite transfer service URL, for data");
    command.add_option("--dataspace", args.dataspace, ".Stat Suite dataspace, for data");
    command.add_option("--transfer-version", args.transfer_version,
                       ".Stat Suite transfer API version appended to --transfer (default 3; 2 for newer docs' "
                       "examples, 1.2 for old releases)");
    command.add_option("--token-url", args.token_url,
                       ".Stat Suite: get and refresh the Bearer token from this OpenID Connect token endpoint "
                       "(client id and secret, or user and password, from the environment or netrc)");
    command.add_option("--ca-file", args.ca_file, "trust this CA (PEM) for the registry's TLS certificate")
        ->check(CLI::ExistingFile);
    command.add_option("--timeout", args.timeout_seconds, "seconds allowed for each network step")
        ->capture_default_str()
        ->check(CLI::Range(1, 3600));
    command.add_option("--retries", args.retries, "further attempts on connection errors and 502/503/504")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    command.add_option("--backoff-ms", args.backoff_ms, "wait before the first retry, doubled for each next one")
        ->capture_default_str();
    command
        .add_option("--poll-interval-ms", args.poll_interval_ms,
                    "between status checks of asynchronous data loads (FMR validation, .Stat transfer)")
        ->capture_default_str();
    return api;
}

void add_registry_values(OptionList& options, const RegistryArguments& args) {
    options.add("API", args.api);
    options.add("ACTION", args.action);
    options.add("TRANSFER", args.transfer);
    options.add("DATASPACE", args.dataspace);
    options.add("TRANSFER_VERSION", args.transfer_version);
    options.add("TOKEN_URL", args.token_url);
    options.add("CA_FILE", args.ca_file);
    options.add("TIMEOUT_MS", std::to_string(args.timeout_seconds * 1000ULL));
    options.add("RETRIES", std::to_string(args.retries));
    options.add("BACKOFF_MS", std::to_string(args.backoff_ms));
    options.add("POLL_INTERVAL_MS", std::to_string(args.poll_interval_ms));
}

}  // namespace csdmx::cli
