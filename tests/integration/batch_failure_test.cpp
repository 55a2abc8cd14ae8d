// A batch stays whole when parts of it go wrong (issues 17 and 20): a package that
// throws is recorded failed and the batch goes on; a ledger locked by another
// process fails the package, not the process; two batches never share an output
// folder; a ledger path that is a folder, not a database, or another program's
// SQLite file is refused with a clear message and left unchanged.
#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "batch/batch_runner.h"
#include "batch/ledger.h"
#include "core/sha256.h"
#include "tests/package_fixture.h"
#include "tests/test_support.h"

extern char** environ;

// The test seam of batch/batch_runner.cpp (a weak symbol the library leaves
// undefined): a package whose folder is named "throws-*" throws from inside its
// conversion, as an internal error of any kind would.
extern "C" void csdmx_batch_test_hook(const char* descriptor) {
    const std::string path = descriptor;
    if (path.find("/throws-int/") != std::string::npos) throw 42;  // not even a std::exception
    if (path.find("/throws-logic/") != std::string::npos) throw std::logic_error("a defect in the converter");
}

namespace csdmx::test {

namespace {

std::size_t open_descriptors() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
    return count;
}

// Spawns the command with stdout and stderr to `log`.
pid_t spawn(std::vector<std::string> arguments, const std::filesystem::path& log) {
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return spawned == 0 ? pid : -1;
}

template <typename Condition>
bool wait_for(Condition condition, int seconds = 60) {
    for (int i = 0; i < seconds * 200; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

bool has_running_entry(const std::filesystem::path& ledger_file) {
    std::error_code missing;
    if (!std::filesystem::exists(ledger_file, missing)) return false;
    try {
        batch::Ledger ledger(ledger_file);
        for (const auto& entry : ledger.entries()) {
            if (entry.result == "running") return true;
        }
    } catch (const std::exception&) {
        // Not ready yet.
    }
    return false;
}

void generate(const std::filesystem::path& folder, int rows) {
    const auto generator = build_directory() / "bench/generate_package";
    auto made =
        run_command(shell_quote(generator.string()) + " " + std::to_string(rows) + " " + shell_quote(folder.string()));
    ASSERT_EQ(made.exit_code, 0) << made.output;
}

}  // namespace

// Issue 17 point 3: an internal error in one package (an exception of any type)
// is that package's failure, recorded in the ledger; the others are converted.
TEST(BatchFailures, APackageThatThrowsIsRecordedFailedAndTheBatchGoesOn) {
    ScratchDirectory scratch;
    const auto in = scratch / "in";
    for (const char* name : {"throws-int", "throws-logic", "good"}) {
        write_package(in / name, sample_descriptor("disability-access-survey"), "disability-access-survey");
    }
    batch::BatchOptions options;
    options.input_dir = in;
    options.output_dir = scratch / "out";
    options.jobs = 2;
    const auto report = batch::run_batch(options, nullptr);
    EXPECT_EQ(report.failed, 2u);
    EXPECT_EQ(report.converted, 1u);
    std::map<std::string, batch::PackageOutcome> by_package;
    for (const auto& outcome : report.packages) by_package[outcome.package] = outcome;
    EXPECT_EQ(by_package["good/datapackage.json"].result, "converted");
    EXPECT_EQ(by_package["throws-int/datapackage.json"].result, "failed");
    EXPECT_TRUE(contains(by_package["throws-int/datapackage.json"].detail, "internal error"));
    EXPECT_TRUE(contains(by_package["throws-logic/datapackage.json"].detail, "a defect in the converter"));
    EXPECT_TRUE(contains(report.table(), "a defect in the converter")) << report.table();  // the first error shown

    batch::Ledger ledger(options.output_dir / "ledger.sqlite");
    std::map<std::string, std::string> recorded;
    for (const auto& entry : ledger.entries()) recorded[entry.package] = entry.result;
    EXPECT_EQ(recorded, (std::map<std::string, std::string>{{"good/datapackage.json", "converted"},
                                                            {"throws-int/datapackage.json", "failed"},
                                                            {"throws-logic/datapackage.json", "failed"}}));
}

// Issue 20: two real batches on one output folder at once. The second is refused
// at once with a clear message and touches nothing; the first finishes intact.
TEST(BatchFailures, ASecondBatchOnTheSameOutputFolderIsRefused) {
    ScratchDirectory scratch;
    const auto in = scratch / "in";
    const auto out = scratch / "out";
    generate(in / "big", 300000);
    const std::string binary = (build_directory() / "citizen-sdmx").string();
    const pid_t first =
        spawn({binary, "batch", in.string(), "--out", out.string(), "--format", "sdmx-ml-2.1-ss,sdmx-ml-2.1-generic"},
              scratch / "first.log");
    ASSERT_GT(first, 0);
    ASSERT_TRUE(wait_for([&] { return has_running_entry(out / "ledger.sqlite"); }));

    auto second = run_command(tool() + " batch " + shell_quote(in.string()) + " --out " + shell_quote(out.string()));
    EXPECT_EQ(second.exit_code, 3) << second.output;
    EXPECT_TRUE(contains(second.output, "another citizen-sdmx batch is converting into")) << second.output;

    int status = 0;
    ASSERT_EQ(::waitpid(first, &status, 0), first);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(scratch / "first.log");
    EXPECT_TRUE(contains(read_file(scratch / "first.log"), "1 package(s): 1 converted"))
        << read_file(scratch / "first.log");
    // The first batch's outputs are all there as its ledger recorded them; one run only.
    batch::Ledger ledger(out / "ledger.sqlite");
    const auto entries = ledger.entries();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].outputs.size(), 3u);
    for (const auto& output : entries[0].outputs) EXPECT_EQ(sha256_file(out / output.path), output.sha256);
    for (const auto& name : list_directory(out / "big")) EXPECT_NE(name[0], '.') << name;

    // Once the first has ended, the folder is free again.
    auto third = run_command(tool() + " batch " + shell_quote(in.string()) + " --out " + shell_quote(out.string()) +
                             " --format sdmx-ml-2.1-ss,sdmx-ml-2.1-generic");
    EXPECT_EQ(third.exit_code, 0) << third.output;
    EXPECT_TRUE(contains(third.output, "1 skipped")) << third.output;
}

// Issue 20: a ledger another process holds locked while a worker records a
// package. Before, the worker's exception ended the process (exit 134) with the
// entry left `running`; now the package fails with the reason, its failure is
// recorded once the ledger is free, and the batch exits 1.
TEST(BatchFailures, ALockedLedgerFailsThePackageNotTheProcess) {
    ScratchDirectory scratch;
    const auto in = scratch / "in";
    const auto out = scratch / "out";
    generate(in / "a", 150000);
    write_package(in / "b", sample_descriptor("disability-access-survey"), "disability-access-survey");
    const auto ledger_file = out / "ledger.sqlite";
    const auto log = scratch / "batch.log";
    const pid_t pid = spawn({(build_directory() / "citizen-sdmx").string(), "batch", in.string(), "--out", out.string(),
                             "--jobs", "1", "--ledger-wait", "1"},
                            log);
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(wait_for([&] { return has_running_entry(ledger_file); }));

    // Hold the ledger's write lock, as a second writer (or an sqlite3 shell) would.
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(ledger_file.c_str(), &holder), SQLITE_OK);
    sqlite3_busy_timeout(holder, 10000);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(holder);
    // Package a (converting now) cannot be recorded: it fails; let go once it has.
    const bool reported = wait_for([&] { return contains(read_file(log), "failed a/datapackage.json"); });
    sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    ASSERT_TRUE(reported) << read_file(log);

    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status) << "\n" << read_file(log);
    EXPECT_EQ(WEXITSTATUS(status), 1) << read_file(log);
    const std::string output = read_file(log);
    EXPECT_TRUE(contains(output, "database is locked")) << output;  // the first error, in the table
    batch::Ledger ledger(ledger_file);
    std::map<std::string, batch::LedgerEntry> last;
    for (const auto& entry : ledger.entries()) {
        EXPECT_NE(entry.result, "running") << entry.package;
        last[entry.package] = entry;
    }
    EXPECT_EQ(last["a/datapackage.json"].result, "failed");
    EXPECT_TRUE(contains(last["a/datapackage.json"].errors, "database is locked")) << last["a/datapackage.json"].errors;
    EXPECT_EQ(last["b/datapackage.json"].result, "converted");
}

// Issue 20: a foreign SQLite file is refused before anything is written to it.
TEST(BatchFailures, AForeignSqliteFileIsRefusedAndLeftUnchanged) {
    ScratchDirectory scratch;
    write_package(scratch / "in/p", sample_descriptor("disability-access-survey"), "disability-access-survey");
    const auto birds = scratch / "birds.sqlite";
    const auto marked = scratch / "marked.sqlite";
    auto made = run_command("sqlite3 " + shell_quote(birds.string()) +
                            " 'CREATE TABLE birds(name TEXT); INSERT INTO birds VALUES (\"kite\")' && sqlite3 " +
                            shell_quote(marked.string()) + " 'PRAGMA application_id=1234; CREATE TABLE t(x)'");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    for (const auto& file : {birds, marked}) {
        const auto digest = sha256_file(file);
        const auto schema = run_command("sqlite3 " + shell_quote(file.string()) + " .schema").output;
        auto refused = run_command(tool() + " batch " + shell_quote((scratch / "in").string()) + " --out " +
                                   shell_quote((scratch / "out").string()) + " --ledger " + shell_quote(file.string()));
        EXPECT_EQ(refused.exit_code, 3) << refused.output;
        EXPECT_TRUE(contains(refused.output, "not a citizen-sdmx ledger")) << refused.output;
        EXPECT_TRUE(contains(refused.output, "left unchanged")) << refused.output;
        EXPECT_EQ(run_command("sqlite3 " + shell_quote(file.string()) + " .schema").output, schema);
        EXPECT_EQ(sha256_file(file), digest);
        EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
        auto listed = run_command(tool() + " ledger " + shell_quote(file.string()));
        EXPECT_EQ(listed.exit_code, 3) << listed.output;
        EXPECT_EQ(sha256_file(file), digest);
    }
    EXPECT_TRUE(
        contains(run_command("sqlite3 " + shell_quote(birds.string()) + " .schema").output, "CREATE TABLE birds"));
}

// Issue 20: a ledger that is not a database is refused, and no connection (file
// descriptor) is left open behind the refusal.
TEST(BatchFailures, ALedgerThatIsNotADatabaseIsRefusedWithoutLeaking) {
    ScratchDirectory scratch;
    const auto text = scratch / "notes.txt";
    std::string content;
    for (int i = 0; i < 200; ++i) content += "these are notes, not a database\n";
    write_file(text, content);
    const auto before = open_descriptors();
    for (int i = 0; i < 20; ++i) {
        try {
            batch::Ledger ledger(text);
            ADD_FAILURE() << "a text file opened as a ledger";
        } catch (const EnvironmentError& error) {
            EXPECT_TRUE(contains(error.what(), "is not an SQLite database")) << error.what();
        }
    }
    EXPECT_EQ(open_descriptors(), before);
    EXPECT_EQ(read_file(text), content);
}

// Issue 19 point 10: `ledger DIR` says what is wrong, not "unable to open database file".
TEST(BatchFailures, ALedgerFolderGetsAClearMessage) {
    ScratchDirectory scratch;
    write_package(scratch / "in/p", sample_descriptor("disability-access-survey"), "disability-access-survey");
    auto converted = run_command(tool() + " batch " + shell_quote((scratch / "in").string()) + " --out " +
                                 shell_quote((scratch / "out").string()));
    ASSERT_EQ(converted.exit_code, 0) << converted.output;
    auto listed = run_command(tool() + " ledger " + shell_quote((scratch / "out").string()));
    EXPECT_EQ(listed.exit_code, 3) << listed.output;
    EXPECT_TRUE(contains(listed.output, "is a folder, not a ledger file")) << listed.output;
    EXPECT_TRUE(contains(listed.output, "did you mean " + (scratch / "out/ledger.sqlite").string())) << listed.output;
    EXPECT_FALSE(contains(listed.output, "unable to open")) << listed.output;
}

}  // namespace csdmx::test
