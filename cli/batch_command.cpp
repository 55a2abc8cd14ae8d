// citizen-sdmx batch DIR --out OUTDIR: every package under a folder, in parallel,
// with the audit ledger; and citizen-sdmx ledger: its history.
#include <unistd.h>

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

struct BatchArguments {
    std::string input;
    std::string output = "out";
    unsigned jobs = 1;
    bool force = false;
    std::string ledger;
    unsigned ledger_wait = 10;
    std::vector<std::string> formats;
    std::vector<std::string> dsd_files;
    std::string mapping;
    std::string on_error;
    std::string resource, agency, codelists, bad_rows;
    std::vector<std::string> missing;
    bool dry_run = false;
    std::string summary_json;
    std::string push;
    RegistryArguments connection;
    std::string code_ids;
    bool allow_links_outside = false;
};

// A progress bar on a terminal, one plain line per package otherwise (logs, CI).
void show_progress(void* terminal, std::size_t done, std::size_t total, const char* package, const char* result) {
    if (terminal != nullptr) {
        const int width = 30;
        const int filled = total ? static_cast<int>(width * done / total) : width;
        std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu %-10s %.40s\033[K", filled, "##############################",
                     width - filled, "", done, total, result, package);
        if (done == total) std::fprintf(stderr, "\n");
    } else {
        std::fprintf(stderr, "%zu/%zu %s %s\n", done, total, result, package);
    }
    std::fflush(stderr);
}

int run_batch(const BatchArguments& args) {
    OptionList options;
    options.add("JOBS", std::to_string(args.jobs));
    if (args.force) options.add("FORCE", "1");
    options.add("LEDGER", args.ledger);
    options.add("LEDGER_WAIT", std::to_string(args.ledger_wait));
    for (const auto& format : args.formats) options.add("FORMAT", format);
    for (const auto& dsd : args.dsd_files) options.add("DSD", dsd);
    options.add("MAPPING", args.mapping);
    options.add("ON_ERROR", args.on_error);
    options.add("RESOURCE", args.resource);
    options.add("AGENCY", args.agency);
    options.add("CODELISTS", args.codelists);
    options.add("BAD_ROWS", args.bad_rows);
    for (const auto& marker : args.missing) options.add_always("MISSING_VALUE", marker);
    if (args.dry_run) options.add("DRY_RUN", "1");
    if (args.allow_links_outside) options.add("LINKS_OUTSIDE", "allow");
    options.add("CODE_IDS", args.code_ids);
    if (!args.push.empty()) {
        options.add("PUSH", args.push);
        add_registry_values(options, args.connection);
    }
    static int terminal_marker = 0;
    void* terminal = ::isatty(STDERR_FILENO) ? &terminal_marker : nullptr;
    csdmx_result* raw = nullptr;
    const csdmx_status status =
        csdmx_batch_convert(args.input.c_str(), args.output.c_str(), options.get(), show_progress, terminal, &raw);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
    const char* table = csdmx_result_value(raw, "table");
    if (table == nullptr) {  // the batch did not run at all
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    std::fputs(table, stdout);
    if (status != CSDMX_OK) std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
    if (!args.summary_json.empty() && !write_report_file(args.summary_json, csdmx_result_value(raw, "json"))) {
        return kExitEnvironment;
    }
    return exit_code_for(status);
}

}  // namespace

Runner add_batch_command(CLI::App& app) {
    auto args = std::make_shared<BatchArguments>();
    CLI::App* command = app.add_subcommand(
        "batch",
        "Convert every package (datapackage.json) under a folder, in parallel, recording each in an SQLite audit "
        "ledger; unchanged packages are skipped, so a rerun resumes and changes nothing");
    command->add_option("folder", args->input, "the folder holding the packages (searched recursively)")
        ->required()
        ->check(CLI::ExistingDirectory);
    command->add_option("--out,-o", args->output, "output folder; each package's messages go to its own sub-folder")
        ->capture_default_str();
    command->add_option("--jobs,-j", args->jobs, "packages converted at once")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    command->add_flag("--force", args->force, "convert unchanged packages too");
    command->add_flag("--allow-links-outside", args->allow_links_outside,
                      "let symbolic links in the package lead outside its folder (only for a trusted local package; "
                      "by default they are refused, as a package from elsewhere could read any file)");
    command->add_option("--ledger", args->ledger, "the ledger file (default: OUTDIR/ledger.sqlite)");
    command
        ->add_option("--ledger-wait", args->ledger_wait,
                     "seconds to wait for a ledger another process is writing, before that package fails")
        ->capture_default_str()
        ->check(CLI::Range(0, 3600));
    command->add_option("--format,-f", args->formats, "data formats, as for convert")->delimiter(',');
    command->add_option("--dsd", args->dsd_files, "structure file or registry URL of a target DSD, as for convert")
        ->check(file_or_url());
    command->add_option("--mapping", args->mapping, "mapping file, as for convert")->check(CLI::ExistingFile);
    command->add_option("--on-error", args->on_error, "reject or skip, as for convert")
        ->check(CLI::IsMember({"reject", "skip"}));
    command->add_option("--resource", args->resource,
                        "which resource to convert in each package, as for convert (packages without it fail)");
    command->add_option("--agency", args->agency, "maintenance agency of the generated structures, as for convert");
    command->add_option("--codelists", args->codelists, "citizen data codelists file, as for convert")
        ->check(CLI::ExistingFile);
    add_row_options(*command, args->bad_rows, args->missing);
    add_code_ids_option(*command, args->code_ids);
    CLI::Option* dry_run = command->add_flag(
        "--dry-run", args->dry_run,
        "convert each package as the real run would, into a temporary folder that is removed: report what would "
        "be converted, skipped or fail, and write nothing (no outputs, no ledger entry, no summary file)");
    CLI::Option* push = command->add_option(
        "--push", args->push,
        "after converting, push each package's structure and one data message to this registry (recorded in the "
        "ledger; what the registry accepted before is not sent again)");
    add_registry_options(*command, args->connection)->needs(push);
    push->needs("--api");
    dry_run->excludes(push);
    command->add_option("--summary-json", args->summary_json,
                        "also write the summary (always in OUTDIR/batch-summary.json) to this file");
    return [args, command]() { return command->parsed() ? run_batch(*args) : -1; };
}

Runner add_ledger_command(CLI::App& app) {
    auto ledger = std::make_shared<std::string>("out/ledger.sqlite");
    auto format = std::make_shared<std::string>("table");
    CLI::App* command =
        app.add_subcommand("ledger",
                           "List the batch ledger's history: every package converted, skipped or failed, "
                           "with the SHA-256 of its inputs and outputs (the audit trail)");
    command->add_option("ledger", *ledger, "the ledger file")->capture_default_str();
    command->add_option("--format", *format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
    return [ledger, format, command]() -> int {
        if (!command->parsed()) return -1;
        OptionList options;
        options.add("FORMAT", *format);
        csdmx_result* raw = nullptr;
        const csdmx_status status = csdmx_ledger_history(ledger->c_str(), options.get(), &raw);
        std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
        if (status != CSDMX_OK) {
            std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
            return exit_code_for(status);
        }
        std::fputs(csdmx_result_value(raw, "text"), stdout);
        return kExitOk;
    };
}

}  // namespace csdmx::cli
