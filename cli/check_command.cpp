#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct CheckArguments {
    std::string package;
    std::string codelists;
    std::string agency;
    std::string resource;
    std::vector<std::string> dsd_files;
    std::string mapping;
    std::string ca_file;
    std::string bad_rows;
    std::vector<std::string> missing;
    std::string format = "text";
    std::string code_ids;
    bool allow_links_outside = false;
    bool list_suppressed = false;
};

const char* severity_text(csdmx_severity severity) {
    return severity == CSDMX_SEVERITY_ERROR ? "error" : severity == CSDMX_SEVERITY_WARNING ? "warning" : "note";
}

int print_json(const csdmx_result* result, csdmx_status status) {
    nlohmann::json out;
    out["status"] = status == CSDMX_OK ? "clean" : status == CSDMX_INVALID ? "problems" : "unusable";
    nlohmann::json problems = nlohmann::json::array();
    std::map<std::string, int> summary;
    for (std::size_t i = 0; i < csdmx_result_diagnostic_count(result); ++i) {
        csdmx_diagnostic d;
        csdmx_result_diagnostic(result, i, &d);
        problems.push_back({{"severity", severity_text(d.severity)},
                            {"file", d.file},
                            {"line", d.line},
                            {"column", d.column},
                            {"path", d.path},
                            {"kind", d.kind},
                            {"message", d.message}});
        if (d.severity != CSDMX_SEVERITY_NOTE) ++summary[std::string(severity_text(d.severity)) + " " + d.kind];
    }
    out["problems"] = problems;
    out["summary"] = summary;
    out["errors_not_listed"] = csdmx_result_suppressed_errors(result);
    nlohmann::json resources = nlohmann::json::array();
    const char* count = csdmx_result_value(result, "resources");
    for (int i = 0; count != nullptr && i < std::stoi(count); ++i) {
        std::string prefix = "resource." + std::to_string(i) + ".";
        nlohmann::json resource;
        for (const char* key : {"name", "rows", "delivered", "skipped", "empty_rows", "encoding", "delimiter"}) {
            const char* value = csdmx_result_value(result, (prefix + key).c_str());
            resource[key] = value ? value : "";
        }
        for (const char* key : {"records_tabulated", "cells", "suppressed_primary", "suppressed_secondary",
                                "secondary_causes", "suppressed_cells"}) {
            if (const char* value = csdmx_result_value(result, (prefix + key).c_str())) resource[key] = value;
        }
        resources.push_back(resource);
    }
    out["resources"] = resources;
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return exit_code_for(status);
}

int run_check(const CheckArguments& args) {
    OptionList options;
    if (!args.dsd_files.empty() && args.mapping.empty()) {
        std::fprintf(stderr,
                     "citizen-sdmx: --dsd names the target DSD, but only --mapping says how the table "
                     "becomes its data: give --mapping FILE as well (docs/mapping.md)\n");
        return kExitBadInput;
    }
    options.add("CODELISTS", args.codelists);
    options.add("AGENCY", args.agency);
    options.add("RESOURCE", args.resource);
    for (const auto& dsd : args.dsd_files) options.add("DSD", dsd);
    options.add("MAPPING", args.mapping);
    options.add("CA_FILE", args.ca_file);
    options.add("BAD_ROWS", args.bad_rows);
    if (args.allow_links_outside) options.add("LINKS_OUTSIDE", "allow");
    options.add("CODE_IDS", args.code_ids);
    for (const auto& marker : args.missing) options.add_always("MISSING_VALUE", marker);
    csdmx_result* raw = nullptr;
    csdmx_status status = csdmx_check_package(args.package.c_str(), options.get(), &raw);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
    if (status == CSDMX_BAD_ARGUMENT || status == CSDMX_INTERNAL || status == CSDMX_ENVIRONMENT) {
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    if (args.format == "json") return print_json(raw, status);

    print_diagnostics(raw, stdout);
    std::map<std::string, int> errors, warnings;
    for (std::size_t i = 0; i < csdmx_result_diagnostic_count(raw); ++i) {
        csdmx_diagnostic d;
        csdmx_result_diagnostic(raw, i, &d);
        std::string kind = *d.kind ? d.kind : "other";
        if (d.severity == CSDMX_SEVERITY_ERROR) ++errors[kind];
        if (d.severity == CSDMX_SEVERITY_WARNING) ++warnings[kind];
    }
    const char* count = csdmx_result_value(raw, "resources");
    for (int i = 0; count != nullptr && i < std::stoi(count); ++i) {
        std::string prefix = "resource." + std::to_string(i) + ".";
        auto value = [&](const char* key) { return csdmx_result_value(raw, (prefix + key).c_str()); };
        std::printf("%s: %s rows read, %s usable, %s left out, %s empty (%s, delimiter '%s')\n", value("name"),
                    value("rows"), value("delivered"), value("skipped"), value("empty_rows"), value("encoding"),
                    std::string(value("delimiter")) == "\t" ? "tab" : value("delimiter"));
        if (value("cells") == nullptr) continue;
        std::printf(
            "%s: tabulated %s records into %s cells; suppressed %s (too few records) and %s more to "
            "protect them (secondary)\n",
            value("name"), value("records_tabulated"), value("cells"), value("suppressed_primary"),
            value("suppressed_secondary"));
        if (*value("secondary_causes"))
            std::printf("  secondary suppression protects: %s\n", value("secondary_causes"));
        if (args.list_suppressed) {
            std::printf("  suppressed cells (A: fewer records than the threshold; D: protects another):\n");
            const std::string cells = value("suppressed_cells");
            std::size_t start = 0;
            while (start < cells.size()) {
                const std::size_t end = cells.find('\n', start);
                std::printf("    %s\n", cells.substr(start, end - start).c_str());
                start = end == std::string::npos ? cells.size() : end + 1;
            }
        }
    }
    if (errors.empty() && warnings.empty()) {
        std::printf("no problems found\n");
    } else {
        std::printf("summary:");
        for (const auto& [kind, n] : errors) std::printf(" %d %s error(s);", n, kind.c_str());
        for (const auto& [kind, n] : warnings) std::printf(" %d %s warning(s);", n, kind.c_str());
        std::printf("\n");
    }
    return exit_code_for(status);
}

}  // namespace

Runner add_check_command(CLI::App& app) {
    auto args = std::make_shared<CheckArguments>();
    CLI::App* command = app.add_subcommand(
        "check",
        "Check a citizen data package as convert would convert it, writing nothing: its metadata, each "
        "resource's plan (columns, personal fields, tabulation; the mapping with --mapping) and every row "
        "through it; list every problem as FILE:LINE:COLUMN, then a summary by kind. Clean means convert "
        "succeeds (with several resources: each with --resource)");
    command->add_option("package", args->package, "the package's datapackage.json")->required();
    command->add_option("--codelists", args->codelists, "citizen data codelists file (SDMX-ML 2.1)");
    command->add_option("--agency", args->agency, "maintenance agency of the generated structures, as for convert");
    command->add_option("--resource", args->resource, "check only this resource (default: every resource)");
    command
        ->add_option("--dsd", args->dsd_files,
                     "as for convert: a structure message (or registry URL) holding the target DSD, repeatable")
        ->check(file_or_url());
    command->add_option("--ca-file", args->ca_file, "with --dsd URL: trust this CA (PEM) for the registry")
        ->check(CLI::ExistingFile);
    command->add_option("--mapping", args->mapping, "as for convert: check the conversion onto the --dsd DSD")
        ->check(CLI::ExistingFile);
    add_row_options(*command, args->bad_rows, args->missing);
    add_code_ids_option(*command, args->code_ids);
    command->add_flag("--allow-links-outside", args->allow_links_outside,
                      "let symbolic links in the package lead outside its folder (only for a trusted local package; "
                      "by default they are refused, as a package from elsewhere could read any file)");
    command->add_option("--format", args->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    command->add_flag("--list-suppressed", args->list_suppressed,
                      "with a tabulation: list every suppressed cell with the records it rests on, and for a "
                      "secondary one the cell it protects (for you, not published)");
    return [args, command]() { return command->parsed() ? run_check(*args) : -1; };
}

}  // namespace csdmx::cli
