// The subcommands of citizen-sdmx. Each registers its options on the parser and
// runs through the library's C interface only, as any other client would.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace csdmx::cli {

// Registers a subcommand; `run` receives the exit code to set when it has run.
using Runner = std::function<int()>;

// --bad-rows and --missing, shared by check and convert.
void add_row_options(CLI::App& command, std::string& bad_rows, std::vector<std::string>& missing);
// --code-ids upper|keep (C option CODE_IDS).
void add_code_ids_option(CLI::App& command, std::string& code_ids);

Runner add_init_command(CLI::App& app);
Runner add_check_command(CLI::App& app);
Runner add_convert_command(CLI::App& app);
Runner add_validate_command(CLI::App& app);
Runner add_describe_command(CLI::App& app);
Runner add_batch_command(CLI::App& app);
Runner add_ledger_command(CLI::App& app);
Runner add_push_command(CLI::App& app);
Runner add_schemas_command(CLI::App& app);

}  // namespace csdmx::cli
