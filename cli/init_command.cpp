#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct InitArguments {
    std::vector<std::string> files;
    std::string descriptor;
    bool force = false;
};

int run_init(const InitArguments& args) {
    std::string descriptor = args.descriptor;
    if (descriptor.empty()) {
        std::string first = args.files.front();
        auto slash = first.rfind('/');
        descriptor = (slash == std::string::npos ? std::string() : first.substr(0, slash + 1)) + "datapackage.json";
    }
    std::error_code ignored;
    if (!args.force && std::filesystem::exists(descriptor, ignored)) {
        // Said here in the CLI's words (the library's message names its FORCE=1 option).
        std::fprintf(stderr, "citizen-sdmx: %s exists already; pass --force to replace it\n", descriptor.c_str());
        return kExitBadInput;
    }
    OptionList options;
    if (args.force) options.add("FORCE", "1");
    std::vector<const char*> paths;
    paths.reserve(args.files.size());
    for (const auto& file : args.files) paths.push_back(file.c_str());
    csdmx_result* raw = nullptr;
    csdmx_status status = csdmx_init_package(paths.data(), paths.size(), descriptor.c_str(), options.get(), &raw);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
    print_diagnostics(raw, stdout);
    if (status != CSDMX_OK) {
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    std::printf("wrote %s\n", csdmx_result_output(raw, 0));
    std::printf(
        "next: fill in every TODO of citizen_data (see docs/citizen-data.md); for a table of observations\n"
        "declare the primaryKey, for records (one row per response or reading) edit the tabulation init\n"
        "wrote (docs/tabulation.md); then run: citizen-sdmx check %s\n",
        descriptor.c_str());
    return kExitOk;
}

}  // namespace

Runner add_init_command(CLI::App& app) {
    auto args = std::make_shared<InitArguments>();
    CLI::App* command = app.add_subcommand(
        "init",
        "Write a datapackage.json for CSV files as they are: encoding, delimiter, header rows, types, "
        "date formats and missing-value markers are inferred; the citizen_data metadata is left as TODOs");
    command->add_option("files", args->files, "the CSV files (in one folder)")->required()->check(CLI::ExistingFile);
    command->add_option("--out,-o", args->descriptor,
                        "the descriptor to write (default: datapackage.json beside the files)");
    command->add_flag("--force", args->force, "replace an existing descriptor");
    return [args, command]() { return command->parsed() ? run_init(*args) : -1; };
}

}  // namespace csdmx::cli
