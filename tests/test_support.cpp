#include "tests/test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <random>

namespace csdmx::test {

std::optional<std::filesystem::path> shared_directory() {
    std::filesystem::path candidate;
    if (const char* env = std::getenv("CITIZEN_SDMX_SHARED"); env && *env) {
        candidate = env;
    } else {
        candidate = CSDMX_TEST_SHARED_DIR;
    }
    std::error_code error;
    if (std::filesystem::is_directory(candidate / "sdmx" / "schemas" / "2.1", error)) return candidate;
    return std::nullopt;
}

std::filesystem::path schemas_21() {
    return shared_directory().value() / "sdmx" / "schemas" / "2.1";
}

std::filesystem::path source_directory() {
    return CSDMX_TEST_SOURCE_DIR;
}

std::filesystem::path build_directory() {
    return CSDMX_TEST_BUILD_DIR;
}

ScratchDirectory::ScratchDirectory() {
    static std::mt19937_64 random{std::random_device{}()};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "scratch";
    for (auto& c : name) {
        if (c == '/') c = '_';
    }
    path_ = build_directory() / "test-scratch" / (name + "-" + std::to_string(random() % 1000000));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    if (!::testing::Test::HasFailure()) std::filesystem::remove_all(path_, ignored);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::vector<std::string> list_directory(const std::filesystem::path& path) {
    std::vector<std::string> names;
    std::error_code error;
    if (!std::filesystem::is_directory(path, error)) return names;
    for (const auto& entry : std::filesystem::directory_iterator(path))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

CommandResult run_command(const std::string& command) {
    CommandResult result;
    std::string wrapped = "timeout 120 sh -c " + shell_quote(command) + " 2>&1";
    std::FILE* pipe = ::popen(wrapped.c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    std::size_t count;
    while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, count);
    int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string disability_sample_sdg_mapping(const std::string& where) {
    return "citizen_sdmx_mapping: \"1.0\"\n"
           "target: {dsd: \"IAEG-SDGs:SDG(1.5)\"}\n"
           "coverage: {national_proxy: {reason: \"shown beside the NSO's own series\"}}\n"
           "rows: {where: {" +
           where +
           "}}\n"
           "components:\n"
           "  FREQ: {constant: A}\n  REPORTING_TYPE: {constant: N}\n  SERIES: {constant: SH_ACS_UNHC}\n"
           "  COMMENT_TS: {derived: citizen_statement}\n  TIME_DETAIL: {derived: coverage_period_interval}\n"
           "  REF_AREA: {constant: \"454\"}\n  SEX: {column: sex, codes: {female: F}}\n"
           "  TIME_PERIOD: {derived: coverage_period}\n  OBS_VALUE: {column: share_reporting_barrier}\n"
           "  UNIT_MEASURE: {constant: PT}\n  UNIT_MULT: {constant: \"0\"}\n  OBS_STATUS: {constant: A}\n";
}

std::string tool() {
    return shell_quote((build_directory() / "citizen-sdmx").string());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace csdmx::test
