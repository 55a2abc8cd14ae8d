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

}  // namespace csdmx::cli
