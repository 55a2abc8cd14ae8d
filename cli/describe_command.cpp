#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/option_list.h"
#include "cli/report.h"

namespace csdmx::cli {

namespace {

struct DescribeArguments {
    std::vector<std::string> sources;
    std::vector<std::string> find;
    std::string codelist;
    std::string format = "text";
    std::string ca_file;
};

int run_describe(const DescribeArguments& args) {
    OptionList options;
    for (const auto& term : args.find) options.add("FIND", term);
    options.add("CODELIST", args.codelist);
    options.add("FORMAT", args.format);
    options.add("CA_FILE", args.ca_file);
    std::vector<const char*> sources;
    for (const auto& source : args.sources) sources.push_back(source.c_str());
    csdmx_result* raw = nullptr;
    const csdmx_status status = csdmx_describe_structures(sources.data(), sources.size(), options.get(), &raw);
    std::unique_ptr<csdmx_result, decltype(&csdmx_result_free)> result(raw, csdmx_result_free);
    if (raw != nullptr && csdmx_result_value(raw, "text") != nullptr)
        std::fputs(csdmx_result_value(raw, "text"), stdout);
    if (status != CSDMX_OK) {
        std::fprintf(stderr, "citizen-sdmx: %s\n", csdmx_last_error());
        return exit_code_for(status);
    }
    // A search that finds nothing is an answer, but scripts want to tell it apart.
    if (!args.find.empty() && std::string(csdmx_result_value(raw, "matches")) == "0") return kExitProblems;
    return kExitOk;
}

}  // namespace

Runner add_describe_command(CLI::App& app) {
    auto args = std::make_shared<DescribeArguments>();
    CLI::App* command = app.add_subcommand(
        "describe",
        "Show the DSDs of structure messages (files or registry URLs): each component in key order with its "
        "codelist; list a codelist's codes; find codes by id or name. For writing a mapping (docs/mapping.md).\n"
        "Examples:\n"
        "  citizen-sdmx describe ../shared/sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml\n"
        "  citizen-sdmx describe ../shared/sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml --find PM2.5 --find GPERM3\n"
        "  citizen-sdmx describe ../shared/sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml --codelist UNIT_MEASURE\n"
        "  citizen-sdmx describe https://registry.example.org/sdmx/v2/structure/datastructure/IAEG-SDGs/SDG/1.5");
    command->add_option("sources", args->sources, "structure messages (SDMX-ML 2.1 files) or registry URLs of a DSD")
        ->required()
        ->check(file_or_url());
    command->add_option("--find", args->find,
                        "a code id or words of its name, matched without case (repeatable); exit 1 when none matches");
    command->add_option("--codelist", args->codelist,
                        "list every code of this codelist, or of the coded component with this id");
    command->add_option("--format", args->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    command->add_option("--ca-file", args->ca_file, "with a URL: trust this CA (PEM) for the registry")
        ->check(CLI::ExistingFile);
    return [args, command]() { return command->parsed() ? run_describe(*args) : -1; };
}

}  // namespace csdmx::cli
