// citizen-sdmx: the command-line face of libcitizensdmx.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <vector>

#include "citizensdmx.h"
#include "cli/commands.h"
#include "cli/report.h"

int main(int argc, char** argv) {
    CLI::App app{"citizen-sdmx: turn validated citizen data into SDMX for National Statistical Offices"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("citizen-sdmx ") + csdmx_version());

    std::vector<csdmx::cli::Runner> runners;
    runners.push_back(csdmx::cli::add_init_command(app));
    runners.push_back(csdmx::cli::add_check_command(app));
    runners.push_back(csdmx::cli::add_convert_command(app));
    runners.push_back(csdmx::cli::add_validate_command(app));
    runners.push_back(csdmx::cli::add_describe_command(app));
    runners.push_back(csdmx::cli::add_batch_command(app));
    runners.push_back(csdmx::cli::add_ledger_command(app));
    runners.push_back(csdmx::cli::add_push_command(app));
    runners.push_back(csdmx::cli::add_schemas_command(app));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return csdmx::cli::kExitBadInput;
    }
    // An interrupted convert or batch leaves no hidden temporaries behind.
    csdmx_remove_temporaries_on_signal();
    for (const auto& run : runners) {
        int code = run();
        if (code >= 0) return code;
    }
    return csdmx::cli::kExitBadInput;
}
