// citizen-sdmx push FILE... --registry URL --api sdmx-rest-v2|fmr|dotstat: load SDMX
// messages into an NSO's registry. Credentials come from the environment or a
// netrc file only, so they never show in `ps`, shell history or CI logs.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/registry_options.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct PushArguments {
    std::vector<std::string> files;
    std::string registry;
    RegistryArguments connection;
    bool dry_run = false;
    std::string json;
};

void print_line(void* /*user_data*/, const char* line) {
    std::fprintf(stderr, "citizen-sdmx: %s\n", line);
}

int run_push(const PushArguments& args) {
    OptionList options;
    add_registry_values(options, args.connection);
    if (args.dry_run) options.add("DRY_RUN", "1");
    std::vector<const char*> files;
    for (const auto& file : args.files) files.push_back(file.c_str());
    files.push_back(nullptr);
    csdmx_result* raw = nullptr;
    const csdmx_status status =
        csdmx_push(files.data(), args.registry.c_str(), options.get(), print_line, nullptr, &raw);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
    const char* table = csdmx_result_value(raw, "table");
    if (table == nullptr) {
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    std::fprintf(stderr, "citizen-sdmx: credentials: %s\n", csdmx_result_value(raw, "credentials"));
    std::fputs(table, stdout);
    if (!args.json.empty() && !write_report_file(args.json, csdmx_result_value(raw, "json"))) {
        return kExitEnvironment;
    }
    if (status != CSDMX_OK) std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
    return exit_code_for(status);
}

}  // namespace

Runner add_push_command(CLI::App& app) {
    auto args = std::make_shared<PushArguments>();
    CLI::App* command = app.add_subcommand(
        "push",
        "Submit SDMX messages to a registry (structures first, then data). Credentials only from "
        "CSDMX_REGISTRY_USER/CSDMX_REGISTRY_PASSWORD, CSDMX_REGISTRY_TOKEN or a netrc file. Exit 0 accepted, "
        "1 rejected or partly accepted, 2 bad usage, 3 registry unreachable");
    command->add_option("files", args->files, "SDMX-ML structure or data messages, SDMX-CSV or SDMX-JSON data")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--registry", args->registry, "the registry's base URL")->required();
    add_registry_options(*command, args->connection)->required();
    command->add_flag("--dry-run", args->dry_run, "show what would be sent, send nothing");
    command->add_option("--json", args->json, "also write the result as JSON to this file");
    return [args, command]() { return command->parsed() ? run_push(*args) : -1; };
}

}  // namespace csdmx::cli
