#include "cli/commands.h"

namespace csdmx::cli {

void add_row_options(CLI::App& command, std::string& bad_rows, std::vector<std::string>& missing) {
    command
        .add_option("--bad-rows", bad_rows,
                    "what to do with rows not as the schema says (wrong field count, Total rows, bad values): "
                    "reject (report as errors, the default), skip (leave out, report as warnings) or keep")
        ->check(CLI::IsMember({"reject", "skip", "keep"}));
    command
        .add_option("--missing", missing,
                    "a cell text that means \"no value\", besides the schema's missingValues (repeatable), e.g. "
                    "--missing NA --missing \"Not Applicable\"")
        ->allow_extra_args(false);
}

void add_code_ids_option(CLI::App& command, std::string& code_ids) {
    command
        .add_option("--code-ids", code_ids,
                    "values of a generated dimension that are valid lower-case SDMX ids (\"female\"): upper "
                    "(default: code FEMALE, named \"female\", as codes are upper case by convention) or keep "
                    "(code female); values like _T or MW-BL are kept either way")
        ->check(CLI::IsMember({"upper", "keep"}));
}

}  // namespace csdmx::cli
