// `citizen-sdmx schemas install|list`: the official SDMX schemas on this machine,
// where `validate` finds them without --schemas (docs/install.md).
#include <cstdio>
#include <memory>
#include <string>

#include "citizensdmx.h"
#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct SchemasArguments {
    std::string version = "all";
    std::string dir;
    std::string from;
    std::string ca_file;
    std::string format = "table";
};

using ResultPtr = std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)>;

void print_line(void* /*user_data*/, const char* line) {
    std::fprintf(stderr, "citizen-sdmx: %s\n", line);
}

const char* value_or_empty(const csdmx_result* result, const char* key) {
    const char* value = csdmx_result_value(result, key);
    return value == nullptr ? "" : value;
}

int run_install(const SchemasArguments& args) {
    OptionList options;
    options.add("VERSION", args.version);
    options.add("DIR", args.dir);
    options.add("FROM", args.from);
    options.add("CA_FILE", args.ca_file);
    csdmx_result* raw = nullptr;
    const csdmx_status status = csdmx_schemas_install(options.get(), print_line, nullptr, &raw);
    ResultPtr result(raw, csdmx_result_free);
    if (status != CSDMX_OK) {
        print_diagnostics(raw, stderr);
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    std::fputs(value_or_empty(raw, args.format == "json" ? "json" : "table"), stdout);
    if (args.format == "json") std::fputs("\n", stdout);
    return kExitOk;
}

int run_list(const SchemasArguments& args) {
    OptionList options;
    options.add("DIR", args.dir);
    csdmx_result* raw = nullptr;
    const csdmx_status status = csdmx_schemas_list(options.get(), &raw);
    ResultPtr result(raw, csdmx_result_free);
    if (status != CSDMX_OK) {
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    std::fputs(value_or_empty(raw, args.format == "json" ? "json" : "table"), stdout);
    if (args.format == "json") std::fputs("\n", stdout);
    return kExitOk;
}

void add_common(CLI::App& command, SchemasArguments& args) {
    command
        .add_option("--dir", args.dir,
                    "schema folder; default: $XDG_DATA_HOME/citizen-sdmx/schemas, else "
                    "~/.local/share/citizen-sdmx/schemas (where validate looks without --schemas)")
        ->allow_extra_args(false);
    command.add_option("--format", args.format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
}

}  // namespace

Runner add_schemas_command(CLI::App& app) {
    auto args = std::make_shared<SchemasArguments>();
    CLI::App* schemas = app.add_subcommand(
        "schemas",
        "Install the official SDMX-ML XML Schemas and SDMX-JSON schemas (checked against pinned SHA-256 "
        "digests) where validate finds them, and list what is installed");
    schemas->require_subcommand(1);
    CLI::App* install = schemas->add_subcommand(
        "install",
        "Download the official schemas from the SDMX Technical Working Group (github.com/sdmx-twg), check every "
        "file against its pinned SHA-256 and install them; on any mismatch nothing is installed");
    install->add_option("--version", args->version, "SDMX version whose schemas to install: 2.1, 3.0 or all")
        ->check(CLI::IsMember({"2.1", "3.0", "all"}))
        ->capture_default_str();
    install->add_option("--from", args->from,
                        "a mirror of https://github.com/sdmx-twg/ holding the same archive paths");
    install->add_option("--ca-file", args->ca_file, "trust this CA (PEM) for --from")->check(CLI::ExistingFile);
    add_common(*install, *args);
    CLI::App* list = schemas->add_subcommand("list",
                                             "Say which schema sets are installed, where, and whether "
                                             "every file still matches its pinned SHA-256");
    add_common(*list, *args);
    return [args, install, list]() {
        if (install->parsed()) return run_install(*args);
        if (list->parsed()) return run_list(*args);
        return -1;
    };
}

}  // namespace csdmx::cli
