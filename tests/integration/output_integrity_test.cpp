// The output set of a conversion lands whole or not at all (issue 20): a rename
// that fails midway leaves the output folder byte for byte as it was; SIGINT and
// SIGTERM leave no hidden temporaries; temporaries a killed process left behind are
// removed, those of a process still running are not.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/package_fixture.h"
#include "tests/test_support.h"

extern char** environ;

namespace csdmx::test {

namespace {

// Every file and folder under `folder` with its bytes: the state compared before and after.
std::map<std::string, std::string> snapshot(const std::filesystem::path& folder) {
    std::map<std::string, std::string> state;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        const auto name = std::filesystem::relative(entry.path(), folder).generic_string();
        state[name] = entry.is_directory() ? std::string("<folder>") : read_file(entry.path());
    }
    return state;
}

std::vector<std::string> hidden_files(const std::filesystem::path& folder) {
    std::vector<std::string> found;
    for (const auto& name : list_directory(folder)) {
        if (!name.empty() && name[0] == '.') found.push_back(name);
    }
    return found;
}

pid_t spawn(std::vector<std::string> arguments) {
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
    return pid;
}

// A process id that no process has: a child that has exited and was reaped.
pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

}  // namespace

TEST(OutputIntegrity, AFailedRenameLeavesTheOutputFolderAsItWas) {
    ScratchDirectory scratch;
    auto descriptor = sample_descriptor("disability-access-survey");
    const auto package = write_package(scratch / "package", descriptor, "disability-access-survey");
    const auto out = scratch / "out";
    const std::string command = tool() + " convert " + shell_quote(package.string()) + " --out " +
                                shell_quote(out.string()) + " --format sdmx-ml-2.1-ss,sdmx-csv-2.0 --quiet";
    auto first = run_command(command);
    ASSERT_EQ(first.exit_code, 0) << first.output;
    // The structure message's final name becomes a folder: its rename must fail,
    // after the data messages (written first) were renamed.
    const auto structure = out / "DF_HEALTH_ACCESS_BARRIERS-structure.xml";
    ASSERT_TRUE(std::filesystem::remove(structure));
    std::filesystem::create_directories(structure);
    write_file(structure / "kept.txt", "not a message");
    // A new conversion would change every data message.
    descriptor["title"] = "Health access barriers, 2024 (revised)";
    write_file(package, descriptor.dump(2));
    const auto before = snapshot(out);
    ASSERT_EQ(before.size(), 4u);  // two data messages, the folder and its file

    auto second = run_command(command);
    EXPECT_NE(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("cannot rename"), std::string::npos) << second.output;
    EXPECT_NE(second.output.find("no output was replaced"), std::string::npos) << second.output;
    EXPECT_EQ(snapshot(out), before);  // old files intact, no new file, no temporary left
    EXPECT_TRUE(hidden_files(out).empty());

    // With the obstacle gone the same conversion lands whole.
    std::filesystem::remove_all(structure);
    auto third = run_command(command);
    ASSERT_EQ(third.exit_code, 0) << third.output;
    EXPECT_NE(snapshot(out), before);
    EXPECT_TRUE(std::filesystem::is_regular_file(structure));
}

// A real process, interrupted by a real signal while it writes.
class InterruptedConvert : public ::testing::TestWithParam<int> {};

TEST_P(InterruptedConvert, LeavesNoTemporaryAndNoOutput) {
    ScratchDirectory scratch;
    const auto generator = build_directory() / "bench/generate_package";
    ASSERT_TRUE(std::filesystem::exists(generator)) << generator;
    auto made = run_command(shell_quote(generator.string()) + " 400000 " + shell_quote((scratch / "big").string()));
    ASSERT_EQ(made.exit_code, 0) << made.output;
    const auto out = scratch / "out";
    const pid_t pid =
        spawn({(build_directory() / "citizen-sdmx").string(), "convert", (scratch / "big/datapackage.json").string(),
               "--out", out.string(), "--format", "sdmx-ml-2.1-ss,sdmx-ml-2.1-generic", "--quiet"});
    ASSERT_GT(pid, 0);
    // Wait until it is writing (a hidden temporary exists), then interrupt it.
    bool writing = false;
    for (int i = 0; i < 6000 && !writing; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::error_code missing;
        writing = std::filesystem::is_directory(out, missing) && !hidden_files(out).empty();
    }
    ASSERT_TRUE(writing) << "no temporary appeared within 30 s";
    ASSERT_EQ(::kill(pid, GetParam()), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status) << " (finished before the signal?)";
    EXPECT_EQ(WTERMSIG(status), GetParam());
    EXPECT_TRUE(hidden_files(out).empty()) << hidden_files(out).front();
    EXPECT_TRUE(list_directory(out).empty()) << list_directory(out).front();
}

INSTANTIATE_TEST_SUITE_P(Signals, InterruptedConvert, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) { return info.param == SIGINT ? "SIGINT" : "SIGTERM"; });

TEST(OutputIntegrity, StaleTemporariesAreRemovedLiveOnesAndOtherHiddenFilesAreNot) {
    ScratchDirectory scratch;
    const auto out = scratch / "out";
    std::filesystem::create_directories(out);
    const std::string stale = ".DF_HEALTH_ACCESS_BARRIERS-structure.xml.tmp-" + std::to_string(dead_pid()) + "-a1B2c3";
    // This test process runs: its temporary is live and must stay.
    const std::string live = ".DF_HEALTH_ACCESS_BARRIERS-structure.xml.tmp-" + std::to_string(::getpid()) + "-a1B2c3";
    for (const auto& name : {stale, live, std::string(".notes"), std::string(".x.tmp-12-short")}) {
        write_file(out / name, "partial");
    }
    auto convert =
        run_command(tool() + " convert " +
                    shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) +
                    " --out " + shell_quote(out.string()) + " --quiet");
    ASSERT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_FALSE(std::filesystem::exists(out / stale));
    EXPECT_TRUE(std::filesystem::exists(out / live));
    EXPECT_TRUE(std::filesystem::exists(out / ".notes"));
    EXPECT_TRUE(std::filesystem::exists(out / ".x.tmp-12-short"));  // not named as ours
}

}  // namespace csdmx::test
