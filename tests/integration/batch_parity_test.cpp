// batch matches convert and keeps an audit trail (issue 19 points 4 and 5): the
// options convert takes, a mapping per package, a dry run that writes nothing and
// predicts the real run, and the ledger and summary saying what was left out,
// suppressed and not yet validated. Oracles: the messages written (CONF_STATUS
// codes, agencyID), the raw CSV, the descriptor's own text.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/package_fixture.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

using json = nlohmann::json;

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

std::map<std::string, json> by_package(const json& packages) {
    std::map<std::string, json> result;
    for (const auto& package : packages) result[package["package"].get<std::string>()] = package;
    return result;
}

std::size_t dry_run_folders() {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
        if (entry.path().filename().string().rfind("citizen-sdmx-dry-run.", 0) == 0) ++count;
    }
    return count;
}

class BatchParity : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* sample : {"household-water-survey", "water-committees-export", "disability-access-survey"}) {
            write_package(in_ / sample, sample_descriptor(sample), sample);
        }
    }
    CommandResult batch(const std::string& options) {
        return run_command(tool() + " batch " + shell_quote(in_.string()) + " --out " + shell_quote(out_.string()) +
                           " " + options);
    }
    json ledger_entries() {
        auto listed =
            run_command(tool() + " ledger " + shell_quote((out_ / "ledger.sqlite").string()) + " --format json");
        EXPECT_EQ(listed.exit_code, 0) << listed.output;
        return json::parse(listed.output);
    }

    ScratchDirectory scratch_;
    std::filesystem::path in_ = scratch_ / "in";
    std::filesystem::path out_ = scratch_ / "out";
};

}  // namespace

TEST_F(BatchParity, ADryRunWritesNothingAndPredictsTheRealRun) {
    const auto folders_before = dry_run_folders();
    auto dry = batch("--dry-run");
    ASSERT_EQ(dry.exit_code, 0) << dry.output;
    EXPECT_TRUE(contains(dry.output, "dry run: nothing was written")) << dry.output;
    EXPECT_FALSE(std::filesystem::exists(out_));   // no output, no ledger, no summary
    EXPECT_EQ(dry_run_folders(), folders_before);  // its temporary folder is gone

    auto real = batch("");
    ASSERT_EQ(real.exit_code, 0) << real.output;
    // The same table but for the dry-run line and the timings.
    const auto rows = [](const std::string& table) {
        std::vector<std::string> lines;
        std::istringstream in(table);
        for (std::string line; std::getline(in, line);) {
            if (contains(line, "dry run") || contains(line, "/datapackage.json")) {
                line = line.substr(0, line.find_last_of(' '));  // without the seconds
            }
            if (!contains(line, "dry run")) lines.push_back(line);
        }
        return lines;
    };
    EXPECT_EQ(rows(dry.output), rows(real.output));

    // Against a ledger: a dry run reads it (unchanged packages are "skipped") and adds nothing.
    const auto entries = ledger_entries().size();
    const auto summary = read_file(out_ / "batch-summary.json");
    auto again = batch("--dry-run");
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_TRUE(contains(again.output, "0 converted, 3 skipped")) << again.output;
    EXPECT_EQ(ledger_entries().size(), entries);
    EXPECT_EQ(read_file(out_ / "batch-summary.json"), summary);
}

TEST_F(BatchParity, TheLedgerAndSummaryRecordWhatWasLeftOutSuppressedAndNotValidated) {
    auto run = batch("");
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto summary = by_package(json::parse(read_file(out_ / "batch-summary.json"))["packages"]);
    const auto ledger = by_package(ledger_entries());
    for (const auto* recorded : {&summary, &ledger}) {
        // Suppressed cells: in the data message, primary ones carry CONF_STATUS A and
        // secondary ones D (SDMX CL_CONF_STATUS), once per statistic of the cell.
        const auto& water = recorded->at("household-water-survey/datapackage.json");
        const auto primary = water["cells_suppressed_primary"].get<std::uint64_t>();
        const auto secondary = water["cells_suppressed_secondary"].get<std::uint64_t>();
        std::string message;
        for (const auto& name : list_directory(out_ / "household-water-survey")) {
            if (contains(name, "-data-")) message = read_file(out_ / "household-water-survey" / name);
        }
        const auto a = occurrences(message, "CONF_STATUS=\"A\"");
        const auto d = occurrences(message, "CONF_STATUS=\"D\"");
        EXPECT_GT(primary, 0u);
        EXPECT_GT(secondary, 0u);
        EXPECT_EQ(a * secondary, d * primary) << a << " A, " << d << " D";
        EXPECT_EQ(a % primary, 0u);

        // Rows left out: the export's "Total" row (semicolon-separated; its bad-row policy skips it).
        const auto csv = read_file(source_directory() / "samples/water-committees-export/water-committees.csv");
        const auto& committees = recorded->at("water-committees-export/datapackage.json");
        EXPECT_EQ(committees["rows_left_out"].get<std::uint64_t>(), occurrences(csv, "\nTotal;"));

        // The validation status, as the descriptor states it.
        for (const char* sample : {"household-water-survey", "water-committees-export", "disability-access-survey"}) {
            const auto stated = sample_descriptor(sample)["citizen_data"]["validation"]["result"].get<std::string>();
            EXPECT_EQ(recorded->at(std::string(sample) + "/datapackage.json")["validation"], stated) << sample;
        }
    }
    EXPECT_TRUE(contains(run.output, "validation PENDING")) << run.output;
    EXPECT_TRUE(contains(run.output, "1 row(s) left out")) << run.output;
}

TEST_F(BatchParity, TakesTheOptionsConvertTakes) {
    // Two resources: batch converts each into a sub-folder of its name (convert
    // would ask for --resource); with --resource, only that one, as convert does.
    auto descriptor = sample_descriptor("disability-access-survey");
    auto second = descriptor["resources"][0];
    second["name"] = "second-copy";
    descriptor["resources"].push_back(second);
    std::filesystem::remove_all(in_);
    write_package(in_ / "two", descriptor, "disability-access-survey");
    auto every = batch("");
    EXPECT_EQ(every.exit_code, 0) << every.output;
    EXPECT_TRUE(contains(every.output, "144")) << every.output;  // 72 observations each
    for (const char* resource : {"health-access-barriers", "second-copy"}) {
        EXPECT_EQ(list_directory(out_ / "two" / resource).size(), 2u) << resource;  // data and structure
    }
    const auto summary = json::parse(read_file(out_ / "batch-summary.json"));
    EXPECT_EQ(summary["packages"][0]["outputs"].size(), 4u);
    auto one = run_command(tool() + " convert " + shell_quote((in_ / "two/datapackage.json").string()) + " --out " +
                           shell_quote((scratch_ / "convert").string()));
    EXPECT_EQ(one.exit_code, 2) << one.output;  // convert still asks which one
    auto with = batch("--resource second-copy --agency TEST_AGENCY");
    EXPECT_EQ(with.exit_code, 0) << with.output;
    std::string structure;
    for (const auto& name : list_directory(out_ / "two")) {
        if (contains(name, "-structure")) structure = read_file(out_ / "two" / name);
    }
    EXPECT_TRUE(contains(structure, "agencyID=\"TEST_AGENCY\"")) << structure.substr(0, 2000);

    // --bad-rows overrides the package's policy, --missing adds a missing-value marker.
    std::filesystem::remove_all(in_);
    write_package(in_ / "committees", sample_descriptor("water-committees-export"), "water-committees-export");
    auto rejected = batch("--bad-rows reject");
    EXPECT_EQ(rejected.exit_code, 1) << rejected.output;
    EXPECT_TRUE(contains(rejected.output, "Total")) << rejected.output;
    auto csv = read_file(source_directory() / "samples/disability-access-survey/health-access-barriers-2024.csv");
    csv.replace(csv.find(",50.9"), 5, ",n.d.");
    std::filesystem::remove_all(in_);
    write_package(in_ / "marked", sample_descriptor("disability-access-survey"), "disability-access-survey", &csv);
    auto unknown_marker = batch("");
    EXPECT_EQ(unknown_marker.exit_code, 1) << unknown_marker.output;
    auto marker = batch("--missing n.d.");
    EXPECT_EQ(marker.exit_code, 0) << marker.output;
    EXPECT_TRUE(contains(marker.output, "71")) << marker.output;  // 72 cells, one missing
}

TEST_F(BatchParity, APackageBringsItsOwnMapping) {
    CSDMX_REQUIRE_SHARED(shared);
    std::filesystem::remove_all(in_);
    write_package(in_ / "sdg", sample_descriptor("disability-access-survey"), "disability-access-survey");
    write_package(in_ / "own", sample_descriptor("disability-access-survey"), "disability-access-survey");
    // The mapping of tests/integration/cli_test.cpp, beside one descriptor only.
    write_file(
        in_ / "sdg/mapping.yaml",
        disability_sample_sdg_mapping("district: [Lilongwe], disability_status: [with disability], sex: [female]"));
    const auto dsd = shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml";
    auto run = batch("--dsd " + shell_quote(dsd.string()));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    auto names = list_directory(out_ / "sdg");
    EXPECT_TRUE(std::any_of(names.begin(), names.end(), [](const auto& n) { return contains(n, "-SDG-data-"); }))
        << names.front();
    auto own = list_directory(out_ / "own");  // no mapping: its generated DSD
    EXPECT_TRUE(std::any_of(own.begin(), own.end(), [](const auto& n) { return contains(n, "DF_HEALTH"); }))
        << own.front();
    // The mapping is part of the package: a change converts it again.
    write_file(in_ / "sdg/mapping.yaml", read_file(in_ / "sdg/mapping.yaml") + "# revised\n");
    auto rerun = batch("--dsd " + shell_quote(dsd.string()));
    EXPECT_TRUE(contains(rerun.output, "1 converted, 1 skipped")) << rerun.output;
}

}  // namespace csdmx::test
