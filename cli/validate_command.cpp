#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct ValidateArguments {
    std::vector<std::string> files;
    std::string schemas;
    std::vector<std::string> structures;
    bool reference_schema_check = false;
};

int run_validate(const ValidateArguments& args) {
    OptionList options;
    options.add("SCHEMAS", args.schemas);
    for (const auto& structure : args.structures) options.add("STRUCTURE", structure);
    if (args.reference_schema_check) options.add("REFERENCE_SCHEMA_CHECK", "1");
    std::vector<const char*> paths;
    paths.reserve(args.files.size());
    for (const auto& file : args.files) paths.push_back(file.c_str());

    csdmx_result* raw = nullptr;
    csdmx_status status = csdmx_validate_files(paths.data(), paths.size(), options.get(), &raw);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
    // No report at all: a --structure file that cannot be used, no schemas ...
    if (status == CSDMX_ENVIRONMENT || status == CSDMX_BAD_ARGUMENT || status == CSDMX_INTERNAL ||
        status == CSDMX_BAD_INPUT) {
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    std::size_t valid = 0, skipped = 0;
    const std::size_t count = csdmx_result_file_count(raw);
    for (std::size_t i = 0; i < count; ++i) {
        csdmx_file_report report;
        csdmx_result_file(raw, i, &report);
        if (report.valid) ++valid;
        if (std::string(report.kind).rfind("skipped: ", 0) == 0) {
            ++skipped;
            std::printf("%s: skipped (%s)\n", report.file, report.kind + 9);
            continue;
        }
        std::printf("%s: %s (%s)\n", report.file, report.valid ? "valid" : "NOT VALID", report.kind);
        std::string checks = report.checks;
        std::size_t start = 0;
        while (start < checks.size()) {
            std::size_t end = checks.find('\n', start);
            std::printf("  checked: %s\n", checks.substr(start, end - start).c_str());
            start = end == std::string::npos ? checks.size() : end + 1;
        }
        print_diagnostics(raw, stdout, report.file);
    }
    print_suppressed(raw, stdout);
    std::printf("%zu of %zu message(s) valid", valid, count - skipped);
    if (skipped > 0) std::printf("; %zu file(s) skipped", skipped);
    std::printf("\n");
    return exit_code_for(status);
}

}  // namespace

Runner add_validate_command(CLI::App& app) {
    auto args = std::make_shared<ValidateArguments>();
    CLI::App* command =
        app.add_subcommand("validate",
                           "Validate SDMX-ML 2.1 and 3.0 messages against the official XML Schemas of their version "
                           "(structure-specific data against the schema generated from its DSD) and their DSD's rules");
    command->add_option("files", args->files, "messages to validate; structure messages among them provide DSDs")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--schemas", args->schemas,
                        "folder with the official SDMX-ML XSDs (SDMXMessage.xsd, or 2.1/ and 3.0/ folders); "
                        "default: $CITIZEN_SDMX_SCHEMAS, else those installed by `citizen-sdmx schemas install`");
    command->add_option("--structure", args->structures, "a structure message holding DSDs of the data (repeatable)")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    command->add_flag("--reference-schema-check", args->reference_schema_check,
                      "validate the data of SDMX-ML 2.1 structure-specific messages with Xerces-C against the whole "
                      "generated schema too (slow: the reference), instead of the streaming check");
    return [args, command]() { return command->parsed() ? run_validate(*args) : -1; };
}

}  // namespace csdmx::cli
