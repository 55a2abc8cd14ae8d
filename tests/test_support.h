// Helpers shared by the test suites: where ../shared is, scratch folders, files.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace csdmx::test {

// ../shared (CITIZEN_SDMX_SHARED overrides), or nullopt when absent.
std::optional<std::filesystem::path> shared_directory();

// Skips the current test with a clear message when ../shared is absent.
#define CSDMX_REQUIRE_SHARED(variable)                                               \
    auto variable##_optional = ::csdmx::test::shared_directory();                    \
    if (!variable##_optional) {                                                      \
        GTEST_SKIP() << "../shared (reference schemas and datasets) is absent; set " \
                        "CITIZEN_SDMX_SHARED to run this test";                      \
    }                                                                                \
    const std::filesystem::path variable = *variable##_optional

std::filesystem::path schemas_21();        // <shared>/sdmx/schemas/2.1
std::filesystem::path source_directory();  // the repository root
std::filesystem::path build_directory();

// A fresh folder under the build tree, removed at the end of the test.
class ScratchDirectory {
public:
    ScratchDirectory();
    ~ScratchDirectory();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);
// Files in a folder (names only), sorted; hidden temporary files included.
std::vector<std::string> list_directory(const std::filesystem::path& path);

struct CommandResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};
// Runs a command through /bin/sh with a timeout, capturing its output.
CommandResult run_command(const std::string& command);
std::string shell_quote(const std::string& text);
// The citizen-sdmx command of this build, quoted for the shell.
std::string tool();
// Whether `text` holds `part` (for command output).
bool contains(const std::string& text, const std::string& part);

// A mapping of samples/disability-access-survey onto the global SDG DSD 1.5 that the
// honest-coverage rules accept (a 3.8.1 series, a declared national proxy with the
// statement in COMMENT_TS, TIME_DETAIL for the part of the year covered). `where` is
// the inside of rows.where, e.g. "district: [Lilongwe]".
std::string disability_sample_sdg_mapping(const std::string& where);

}  // namespace csdmx::test
