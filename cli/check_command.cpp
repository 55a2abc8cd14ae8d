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
    std::string bad_rows;
    std::vector<std::string> missing;
    std::string format = "text";
    bool allow_links_outside = false;
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
        resources.push_back(resource);
    }
    out["resources"] = resources;
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return exit_code_for(status);
}

int run_check(const CheckArguments& args) {
    OptionList options;
    options.add("CODELISTS", args.codelists);
    options.add("BAD_ROWS", args.bad_rows);
    if (args.allow_links_outside) options.add("LINKS_OUTSIDE", "allow");
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
        "Check a citizen data package: its metadata, and every row of every resource against its Table "
        "Schema; list every problem as FILE:LINE:COLUMN, then a summary by kind");
    command->add_option("package", args->package, "the package's datapackage.json")->required();
    command->add_option("--codelists", args->codelists, "citizen data codelists file (SDMX-ML 2.1)");
    add_row_options(*command, args->bad_rows, args->missing);
    command->add_flag("--allow-links-outside", args->allow_links_outside,
                      "let symbolic links in the package lead outside its folder (only for a trusted local package; "
                      "by default they are refused, as a package from elsewhere could read any file)");
    command->add_option("--format", args->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    return [args, command]() { return command->parsed() ? run_check(*args) : -1; };
}

}  // namespace csdmx::cli
