// The options that say how to reach a registry, shared by push and batch --push.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/option_list.h"

namespace csdmx::cli {

struct RegistryArguments {
    std::string api;
    std::string action;
    std::string transfer;
    std::string dataspace;
    std::string transfer_version;
    std::string token_url;
    std::string ca_file;
    unsigned timeout_seconds = 30;
    unsigned retries = 3;
    unsigned backoff_ms = 1000;
    unsigned poll_interval_ms = 2000;
};

// Adds --api, --action, --transfer, --dataspace, --ca-file, --timeout, --retries,
// --backoff-ms and --poll-interval-ms; returns --api, which callers may require.
CLI::Option* add_registry_options(CLI::App& command, RegistryArguments& args);
// As the C interface's options (API, ACTION, ... TIMEOUT_MS ...).
void add_registry_values(OptionList& options, const RegistryArguments& args);

}  // namespace csdmx::cli
