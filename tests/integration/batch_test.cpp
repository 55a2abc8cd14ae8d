// citizen-sdmx batch and ledger as an NSO runs them: a folder of packages (real
// ones from ../shared/cgd prepared here, the bundled samples, a broken one),
// converted in parallel, rerun, changed, forced, and killed with SIGKILL midway.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "batch/ledger.h"
#include "core/sha256.h"
#include "tests/integration/real_dataset_fixture.h"
#include "tests/package_fixture.h"

extern char** environ;

namespace csdmx::test {

namespace {

nlohmann::json summary_of(const std::filesystem::path& out) {
    return nlohmann::json::parse(read_file(out / "batch-summary.json"));
}

std::map<std::string, std::string> results(const nlohmann::json& summary) {
    std::map<std::string, std::string> by_package;
    for (const auto& package : summary["packages"]) by_package[package["package"]] = package["result"];
    return by_package;
}

// Hidden temporaries (".name.XXXXXX") anywhere under the folder.
std::vector<std::string> temporaries(const std::filesystem::path& folder) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        const auto name = entry.path().filename().string();
        if (entry.is_regular_file() && name.size() > 1 && name[0] == '.') found.push_back(entry.path().string());
    }
    return found;
}

}  // namespace

class Batch : public RealDataset {
protected:
    // Real packages prepared as a CSO would (init, then the citizen_data block),
    // two bundled samples, and one whose metadata is broken.
    void prepare_inputs() {
        json nchalo = init("nchalo_household_water_survey", {"Nchalo household survey 2021.csv"});
        // Records: tabulated (the share of households by main drinking-water source).
        nchalo["resources"][0]["tabulation"] = json::parse(R"({
            "group_by": [{"column": "main_drinking_water_source", "concept": "WATER_SOURCE", "totals": true}],
            "period": {"column": "submitted_on", "frequency": "A"}, "min_cell_size": 5,
            "statistics": [{"id": "HOUSEHOLDS", "name": "Households", "function": "count"}]})");
        nchalo["citizen_data"] = citizen_data(
            {"NCHALO_WATER", "Nchalo Water Project", "CSO", "CO_PRODUCED", "4", "4", "2021-04-01", "2021-04-30"});
        save(nchalo);
        // init wrote scratch_/package: it becomes one package of the batch folder.
        std::filesystem::rename(scratch_ / "package", in_ / "nchalo");
        json waterpoints = init("rural_waterpoint_functionality", {"rwpfunctionality.csv"});
        waterpoints["resources"][0]["tabulation"] = json::parse(R"({
            "group_by": [{"column": "country", "concept": "COUNTRY", "totals": true}],
            "period": {"column": "subdate_wp", "frequency": "A"}, "min_cell_size": 5,
            "statistics": [{"id": "FUNCTIONAL_PCT", "name": "Water points functional", "function": "percentage",
                            "where": {"column": "functional3", "equals": "Functional"}, "unit": "PT"}]})");
        waterpoints["citizen_data"] = citizen_data({"CHARITY_WATER_PARTNERS", "charity: water implementing partners",
                                                    "CSO", "CO_PRODUCED", "3", "5", "2017-05-01", "2020-12-31"});
        save(waterpoints);
        std::filesystem::rename(scratch_ / "package", in_ / "waterpoints");
        for (const char* sample : {"disability-access-survey", "household-water-survey"}) {
            write_package(in_ / sample, sample_descriptor(sample), sample);
        }
        std::filesystem::create_directories(in_ / "broken");
        std::filesystem::copy(source_directory() / "tests/fixtures/bad-metadata", in_ / "broken");
    }

    void SetUp() override {
        RealDataset::SetUp();
        if (IsSkipped()) return;
        std::filesystem::create_directories(in_);
    }

    std::filesystem::path in_ = scratch_ / "in";
    std::filesystem::path out_ = scratch_ / "out";
};

TEST_F(Batch, ConvertsEveryPackageContinuesPastFailuresAndRerunsIdempotently) {
    prepare_inputs();
    const std::string command = tool() + " batch " + shell_quote(in_.string()) + " --out " +
                                shell_quote(out_.string()) + " --jobs 3 --format sdmx-ml-2.1-ss,sdmx-json-2.0";
    auto first = run_command(command);
    EXPECT_EQ(first.exit_code, 1) << first.output;  // the broken package failed; the others went on
    EXPECT_NE(first.output.find("5 package(s): 4 converted, 0 skipped (unchanged), 1 failed"), std::string::npos)
        << first.output;
    auto summary = summary_of(out_);
    const std::map<std::string, std::string> converted = {{"broken/datapackage.json", "failed"},
                                                          {"disability-access-survey/datapackage.json", "converted"},
                                                          {"household-water-survey/datapackage.json", "converted"},
                                                          {"nchalo/datapackage.json", "converted"},
                                                          {"waterpoints/datapackage.json", "converted"}};
    EXPECT_EQ(results(summary), converted);
    for (const auto& package : summary["packages"]) {
        if (package["result"] == "failed") {
            EXPECT_NE(package["detail"].get<std::string>().find("citizen_data"), std::string::npos) << package.dump();
        }
        for (const auto& output : package["outputs"])
            EXPECT_TRUE(std::filesystem::exists(out_ / output.get<std::string>()));
    }

    // Rerun: nothing changed, nothing converted; the broken one is tried again.
    auto second = run_command(command);
    EXPECT_EQ(second.exit_code, 1) << second.output;
    auto rerun = results(summary_of(out_));
    EXPECT_EQ(rerun["nchalo/datapackage.json"], "skipped");
    EXPECT_EQ(rerun["waterpoints/datapackage.json"], "skipped");
    EXPECT_EQ(rerun["disability-access-survey/datapackage.json"], "skipped");
    EXPECT_EQ(rerun["broken/datapackage.json"], "failed");

    // A changed input is converted again; an output removed by hand is rewritten.
    auto descriptor = nlohmann::json::parse(read_file(in_ / "disability-access-survey/datapackage.json"));
    descriptor["title"] = "Health access barriers, 2024 (revised)";
    write_file(in_ / "disability-access-survey/datapackage.json", descriptor.dump(2));
    std::filesystem::remove(out_ / summary["packages"][2]["outputs"][0].get<std::string>());  // household-water-survey
    auto third = run_command(command);
    auto changed = results(summary_of(out_));
    EXPECT_EQ(changed["disability-access-survey/datapackage.json"], "converted") << third.output;
    EXPECT_EQ(changed["household-water-survey/datapackage.json"], "converted") << third.output;
    EXPECT_EQ(changed["nchalo/datapackage.json"], "skipped");

    // --force converts everything; the ledger holds every run, with output checksums.
    auto forced = run_command(command + " --force");
    EXPECT_NE(forced.output.find("4 converted, 0 skipped"), std::string::npos) << forced.output;
    auto history = run_command(tool() + " ledger " + shell_quote((out_ / "ledger.sqlite").string()) + " --format json");
    ASSERT_EQ(history.exit_code, 0) << history.output;
    const auto entries = nlohmann::json::parse(history.output);
    EXPECT_EQ(entries.size(), 20u);  // 4 runs x 5 packages
    for (const auto& entry : entries) {
        if (entry["result"] != "converted") continue;
        EXPECT_EQ(entry["input_sha256"].get<std::string>().size(), 64u);
        EXPECT_FALSE(entry["outputs"].empty());
        EXPECT_NE(entry["options"].get<std::string>().find("sdmx-json-2.0"), std::string::npos);
    }
    const auto& last = entries.back();
    for (const auto& output : last["outputs"]) {
        EXPECT_EQ(sha256_file(out_ / output["path"].get<std::string>()), output["sha256"]);
    }
}

// kill -9 in the middle of a batch loses nothing: the ledger stays consistent, no
// output is half-written under its final name, and the next run finishes the job.
TEST_F(Batch, SurvivesKillNineMidwayAndResumes) {
    const auto generator = build_directory() / "bench/generate_package";
    ASSERT_TRUE(std::filesystem::exists(generator)) << generator;
    for (const char* name : {"a", "b", "c"}) {
        auto made = run_command(shell_quote(generator.string()) + " 150000 " + shell_quote((in_ / name).string()));
        ASSERT_EQ(made.exit_code, 0) << made.output;
    }
    const std::string binary = (build_directory() / "citizen-sdmx").string();
    std::vector<std::string> arguments = {binary,  "batch",       in_.string(),
                                          "--out", out_.string(), "--jobs",
                                          "1",     "--format",    "sdmx-ml-2.1-ss,sdmx-ml-2.1-generic"};
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ), 0);

    // Wait for the first package to be recorded as converted, then kill.
    const auto ledger_file = out_ / "ledger.sqlite";
    bool one_done = false;
    for (int i = 0; i < 600 && !one_done; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (!std::filesystem::exists(ledger_file)) continue;
        batch::Ledger ledger(ledger_file);
        for (const auto& entry : ledger.entries()) one_done = one_done || entry.result == "converted";
    }
    ASSERT_TRUE(one_done) << "no package was converted within 30 s";
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));

    // The ledger is consistent, and what it says was converted is there as recorded.
    auto check = run_command("sqlite3 " + shell_quote(ledger_file.string()) + " 'PRAGMA integrity_check'");
    EXPECT_EQ(check.output, "ok\n");
    std::size_t unfinished = 0;
    {
        batch::Ledger ledger(ledger_file);
        for (const auto& entry : ledger.entries()) {
            if (entry.result == "running") ++unfinished;
            if (entry.result != "converted") continue;
            for (const auto& output : entry.outputs) EXPECT_EQ(sha256_file(out_ / output.path), output.sha256);
        }
    }
    EXPECT_LE(unfinished, 1u);
    // Every message under a final name is complete (well-formed to its last tag).
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out_)) {
        const auto name = entry.path().filename().string();
        if (!entry.is_regular_file() || name[0] == '.' || entry.path().extension() != ".xml") continue;
        auto wellformed = run_command("xmllint --noout --nonet " + shell_quote(entry.path().string()));
        EXPECT_EQ(wellformed.exit_code, 0) << entry.path() << "\n" << wellformed.output;
    }

    // The next run converts what was left, skips what was done, cleans temporaries.
    auto resumed = run_command(tool() + " batch " + shell_quote(in_.string()) + " --out " + shell_quote(out_.string()) +
                               " --jobs 1 --format sdmx-ml-2.1-ss,sdmx-ml-2.1-generic");
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    const auto summary = summary_of(out_);
    EXPECT_EQ(summary["converted"].get<int>() + summary["skipped"].get<int>(), 3);
    EXPECT_GE(summary["skipped"].get<int>(), 1);
    EXPECT_TRUE(temporaries(out_).empty()) << temporaries(out_).front();
}

}  // namespace csdmx::test
