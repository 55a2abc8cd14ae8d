#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct ConvertArguments {
    std::string package;
    std::string output = "out";
    std::string codelists;
    std::string agency;
    std::string resource;
    std::string bad_rows;
    std::vector<std::string> missing;
    std::vector<std::string> formats;
    std::vector<std::string> dsd_files;
    std::string mapping;
    std::string ca_file;
    std::string on_error;
    std::string profile;
    bool quiet = false;
    bool open_sdg = false;
    std::string code_ids;
    bool allow_links_outside = false;
    bool list_suppressed = false;
};

int run_convert(const ConvertArguments& args) {
    // A target DSD alone says nothing of how the table's columns become its
    // components: without a mapping it used to be ignored silently (issue 12).
    if (!args.dsd_files.empty() && args.mapping.empty()) {
        std::fprintf(stderr,
                     "citizen-sdmx: --dsd names the target DSD, but only --mapping says how the table becomes its "
                     "data: give --mapping FILE as well (docs/mapping.md; shipped ones are in mappings/sdg/), or "
                     "leave out --dsd to convert with a DSD generated from the package; nothing was written\n");
        return kExitBadInput;
    }
    OptionList options;
    options.add("CODELISTS", args.codelists);
    options.add("AGENCY", args.agency);
    options.add("RESOURCE", args.resource);
    options.add("BAD_ROWS", args.bad_rows);
    if (args.allow_links_outside) options.add("LINKS_OUTSIDE", "allow");
    options.add("CODE_IDS", args.code_ids);
    for (const auto& marker : args.missing) options.add_always("MISSING_VALUE", marker);
    for (const auto& dsd : args.dsd_files) options.add("DSD", dsd);
    options.add("MAPPING", args.mapping);
    options.add("CA_FILE", args.ca_file);

    csdmx_package* package = nullptr;
    csdmx_result* opened = nullptr;
    csdmx_status status = csdmx_package_open(args.package.c_str(), options.get(), &package, &opened);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> open_result(opened, csdmx_result_free);
    std::unique_ptr<csdmx_package, decltype(&csdmx_package_free)> owned(package, csdmx_package_free);
    std::size_t errors = print_diagnostics(opened, stderr);
    if (status != CSDMX_OK) {
        if (errors == 0) std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        std::fprintf(stderr, "citizen-sdmx: %zu problem(s) in %s; nothing was written\n", errors, args.package.c_str());
        return exit_code_for(status);
    }
    if (!args.quiet) {
        std::printf("citizen-sdmx %s: converting %s\n", csdmx_version(), args.package.c_str());
        std::printf("  dataflow     %s\n", csdmx_package_info(package, "dataflow"));
        std::printf("  citizen data %s: the dataset %s\n", csdmx_package_info(package, "qualification"),
                    csdmx_package_info(package, "qualification.explanation"));
        std::printf("  codelists    %s\n", csdmx_package_info(package, "codelists"));
        std::printf("  columns\n%s", csdmx_package_info(package, "column_plan"));
    }

    OptionList convert_options;
    for (const auto& format : args.formats) convert_options.add("FORMAT", format);
    convert_options.add("ON_ERROR", args.on_error);
    if (args.open_sdg) convert_options.add("OPEN_SDG", "1");
    convert_options.add("PROFILE", args.profile);
    csdmx_result* converted = nullptr;
    status = csdmx_package_convert(package, args.output.c_str(), convert_options.get(), &converted);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> convert_result(converted, csdmx_result_free);
    errors = print_diagnostics(converted, stderr);
    if (status != CSDMX_OK) {
        if (errors == 0) std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        std::fprintf(stderr, "citizen-sdmx: %zu problem(s); nothing was written\n", errors);
        return exit_code_for(status);
    }
    if (!args.quiet) {
        std::printf("  read %s rows, wrote %s observations", csdmx_result_value(converted, "rows"),
                    csdmx_result_value(converted, "observations"));
        std::string left_out;
        for (const auto& [key, what] :
             {std::pair{"missing_values", "missing values"}, std::pair{"rows_left_out", "rows"},
              std::pair{"duplicates_left_out", "identical duplicates"}}) {
            std::string count = csdmx_result_value(converted, key);
            if (count != "0") left_out += (left_out.empty() ? "" : ", ") + count + " " + what;
        }
        if (!left_out.empty()) std::printf(" (left out: %s)", left_out.c_str());
        std::printf("\n");
        if (const char* cells = csdmx_result_value(converted, "cells")) {
            std::printf(
                "  tabulated %s records into %s cells; suppressed %s cell(s) on fewer than %s records and %s "
                "more to protect them (secondary)\n",
                csdmx_result_value(converted, "records_tabulated"), cells,
                csdmx_result_value(converted, "suppressed_primary"), csdmx_result_value(converted, "min_cell_size"),
                csdmx_result_value(converted, "suppressed_secondary"));
            // Which small groups made the secondary suppressions necessary (issue 19): for the
            // person converting only; the messages never carry a suppressed cell's records.
            const std::string causes = csdmx_result_value(converted, "secondary_causes");
            if (!causes.empty()) std::printf("  secondary suppression protects: %s\n", causes.c_str());
        }
    }
    if (args.list_suppressed) {
        const char* cells = csdmx_result_value(converted, "suppressed_cells");
        std::printf("suppressed cells (A: fewer records than the threshold; D: protects another):\n%s",
                    cells != nullptr && *cells ? cells : "  none\n");
    }
    for (std::size_t i = 0; i < csdmx_result_output_count(converted); ++i) {
        std::printf("%s%s\n", args.quiet ? "" : "  wrote ", csdmx_result_output(converted, i));
    }
    return kExitOk;
}

}  // namespace

Runner add_convert_command(CLI::App& app) {
    auto args = std::make_shared<ConvertArguments>();
    CLI::App* command =
        app.add_subcommand("convert",
                           "Convert a citizen data package (datapackage.json with citizen_data) into an SDMX "
                           "structure message and data messages in one or more formats");
    command->add_option("package", args->package, "the package's datapackage.json")->required();
    command->add_option("--out,-o", args->output, "output folder (created if needed)")->capture_default_str();
    command->add_option("--codelists", args->codelists,
                        "citizen data codelists file (SDMX-ML 2.1); default: $CITIZEN_SDMX_CODELISTS, else "
                        "the embedded ones");
    command->add_option("--agency", args->agency, "maintenance agency of the generated structures");
    command->add_option("--resource", args->resource, "which resource to convert, when the package has several");
    command
        ->add_option("--format,-f", args->formats,
                     "data message format, repeatable or separated by commas: sdmx-ml-2.1-ss (default), "
                     "sdmx-ml-2.1-generic, sdmx-ml-3.0-ss, sdmx-csv-1.0, sdmx-csv-2.0, sdmx-json-2.0; all are "
                     "written in one pass over the rows")
        ->delimiter(',');
    command
        ->add_option("--dsd", args->dsd_files,
                     "an SDMX-ML 2.1 structure message holding the target DSD and its codelists (repeatable), "
                     "e.g. the SDG DSD; or a registry URL .../datastructure/AGENCY/ID/VERSION, fetched with "
                     "references=children and cached (CSDMX_CACHE_DIR, else ~/.cache/citizen-sdmx)")
        ->check(file_or_url());
    command->add_option("--ca-file", args->ca_file, "with --dsd URL: trust this CA (PEM) for the registry")
        ->check(CLI::ExistingFile);
    command
        ->add_option("--mapping", args->mapping,
                     "a mapping file (YAML, docs/mapping.md) saying how the table becomes data of the --dsd DSD; "
                     "shipped ones are in mappings/sdg/")
        ->check(CLI::ExistingFile);
    command
        ->add_option("--on-error", args->on_error,
                     "with --mapping, a row that breaks a rule of the DSD: reject (default; nothing is written) or "
                     "skip (the row is left out and listed in <base>-skipped-rows.csv)")
        ->check(CLI::IsMember({"reject", "skip"}));
    command->add_flag("--open-sdg", args->open_sdg,
                      "with --mapping onto an SDG DSD, also write Open SDG's input files per indicator: "
                      "<base>-open-sdg/data/indicator_<id>.csv and meta/<id>.md (docs/mapping.md)");
    command
        ->add_option("--profile", args->profile,
                     "standard (default) or sdmx1: data messages without Annotations and DataProvider inside "
                     "DataSet and Series, which sdmx1 2.26 cannot read; they move to the structure message's "
                     "provision agreement (docs/formats.md, \"Readers\")")
        ->check(CLI::IsMember({"standard", "sdmx1"}));
    add_row_options(*command, args->bad_rows, args->missing);
    add_code_ids_option(*command, args->code_ids);
    command->add_flag("--quiet,-q", args->quiet, "print only the files written");
    command->add_flag("--list-suppressed", args->list_suppressed,
                      "with a tabulation: list every suppressed cell with the records it rests on, and for a "
                      "secondary one the cell it protects (for you, not published)");
    command->add_flag("--allow-links-outside", args->allow_links_outside,
                      "let symbolic links in the package lead outside its folder (only for a trusted local package; "
                      "by default they are refused, as a package from elsewhere could read any file)");
    return [args, command]() { return command->parsed() ? run_convert(*args) : -1; };
}

}  // namespace csdmx::cli
