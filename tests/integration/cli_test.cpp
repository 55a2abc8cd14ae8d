// The command as a user runs it: exit codes, messages, files.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tests/package_fixture.h"
#include "tests/test_support.h"

namespace csdmx::test {

TEST(Cli, ConvertsThenValidatesASample) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto package = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto convert = run_command(tool() + " convert " + shell_quote(package.string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    ASSERT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "QUALIFIES")) << convert.output;
    EXPECT_TRUE(contains(convert.output, "wrote 72 observations")) << convert.output;
    // The default: structure-specific SDMX-ML 2.1 data and the structure message.
    EXPECT_EQ(list_directory(scratch / "out").size(), 2u);

    auto validate = run_command(tool() + " validate --schemas " + shell_quote((shared / "sdmx/schemas").string()) +
                                " " + shell_quote((scratch / "out").string()) + "/*.xml");
    EXPECT_EQ(validate.exit_code, 0) << validate.output;
    EXPECT_TRUE(contains(validate.output, "2 of 2 message(s) valid")) << validate.output;
}

// Issue 13: valid ids pass unchanged. "Lilongwe" is a valid SDMX id (common:IDType);
// by convention codes are upper case, so the default makes it LILONGWE (named
// "Lilongwe"), and --code-ids keep leaves it as it is. Either way the messages are valid.
TEST(Cli, CodeIdsKeepLeavesValidLowerCaseIdsUnchanged) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto package = source_directory() / "samples/disability-access-survey/datapackage.json";
    for (const std::string mode : {"upper", "keep"}) {
        const auto out = scratch / mode;
        auto convert = run_command(tool() + " convert " + shell_quote(package.string()) + " --code-ids " + mode +
                                   " --quiet --out " + shell_quote(out.string()));
        ASSERT_EQ(convert.exit_code, 0) << convert.output;
        std::string structure, data;
        for (const auto& file : list_directory(out)) {
            (file.ends_with("-structure.xml") ? structure : data) = read_file(out / file);
        }
        const bool keep = mode == "keep";
        EXPECT_EQ(contains(structure, "<structure:Code id=\"Lilongwe\""), keep) << mode;
        EXPECT_EQ(contains(structure, "<structure:Code id=\"LILONGWE\""), !keep) << mode;
        EXPECT_EQ(contains(data, "=\"Lilongwe\""), keep) << mode;
        EXPECT_EQ(contains(data, "=\"LILONGWE\""), !keep) << mode;
        // The package's own codes ("female" -> F) win in both modes.
        EXPECT_TRUE(contains(structure, "<structure:Code id=\"F\"")) << mode;
        EXPECT_FALSE(contains(structure, "<structure:Code id=\"female\"")) << mode;
        auto validate = run_command(tool() + " validate --schemas " + shell_quote((shared / "sdmx/schemas").string()) +
                                    " " + shell_quote(out.string()) + "/*.xml");
        EXPECT_EQ(validate.exit_code, 0) << validate.output;
        EXPECT_TRUE(contains(validate.output, "2 of 2 message(s) valid")) << validate.output;
    }
    auto refused = run_command(tool() + " convert " + shell_quote(package.string()) + " --code-ids lower --out " +
                               shell_quote((scratch / "refused").string()));
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_FALSE(std::filesystem::exists(scratch / "refused"));
}

TEST(Cli, WritesSeveralFormatsInOnePass) {
    ScratchDirectory scratch;
    auto package = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto convert = run_command(tool() + " convert " + shell_quote(package.string()) + " --out " +
                               shell_quote((scratch / "out").string()) +
                               " --format sdmx-csv-2.0,sdmx-json-2.0 -f sdmx-ml-2.1-generic --quiet");
    ASSERT_EQ(convert.exit_code, 0) << convert.output;
    auto names = list_directory(scratch / "out");
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names,
              (std::vector<std::string>{
                  "DF_HEALTH_ACCESS_BARRIERS-data-generic.xml", "DF_HEALTH_ACCESS_BARRIERS-data-sdmx-csv-2.0.csv",
                  "DF_HEALTH_ACCESS_BARRIERS-data-sdmx-json-2.0.json", "DF_HEALTH_ACCESS_BARRIERS-structure.xml"}));
}

TEST(Cli, AnUnknownFormatIsRefusedAndNothingIsWritten) {
    ScratchDirectory scratch;
    auto package = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto convert = run_command(tool() + " convert " + shell_quote(package.string()) + " --out " +
                               shell_quote((scratch / "out").string()) + " --format sdmx-ml-2.1-ss,sdmx-xls");
    EXPECT_NE(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "\"sdmx-xls\" is not one of sdmx-ml-2.1-ss, sdmx-ml-2.1-generic"))
        << convert.output;
    EXPECT_TRUE(!std::filesystem::exists(scratch / "out") || list_directory(scratch / "out").empty());
}

TEST(Cli, InvalidMessagesExitWithOne) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    write_file(scratch / "not-sdmx.xml", "<html><body>hello</body></html>\n");
    auto result = run_command(tool() + " validate --schemas " + shell_quote((shared / "sdmx/schemas").string()) + " " +
                              shell_quote((scratch / "not-sdmx.xml").string()));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_TRUE(contains(result.output, "NOT VALID")) << result.output;
    EXPECT_TRUE(contains(result.output, "not an SDMX-ML 2.1 or 3.0 message")) << result.output;
}

TEST(Cli, ValidateSkipsTheCsvAndJsonOutputsBesideTheXml) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto sample = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto convert =
        run_command(tool() + " convert -q " + shell_quote(sample.string()) + " --out " +
                    shell_quote((scratch / "out").string()) + " --format sdmx-ml-2.1-ss,sdmx-csv-2.0,sdmx-json-2.0");
    ASSERT_EQ(convert.exit_code, 0) << convert.output;
    std::string files;
    for (const auto& file : list_directory(scratch / "out"))
        files += " " + shell_quote((scratch / "out" / file).string());
    auto result =
        run_command(tool() + " validate --schemas " + shell_quote((shared / "sdmx/schemas").string()) + files);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_FALSE(contains(result.output, "NOT VALID")) << result.output;
    EXPECT_TRUE(contains(result.output, ".csv: skipped (SDMX-CSV, not SDMX-ML")) << result.output;
    EXPECT_TRUE(contains(result.output, ".json: skipped (SDMX-JSON")) << result.output;
    EXPECT_TRUE(contains(result.output, "2 of 2 message(s) valid; 2 file(s) skipped")) << result.output;
}

TEST(Cli, AFolderWhereAFileIsExpectedIsSaidPlainly) {
    ScratchDirectory scratch;
    std::filesystem::copy(source_directory() / "samples/disability-access-survey", scratch / "pkg");
    auto check = run_command(tool() + " check " + shell_quote((scratch / "pkg").string()));
    EXPECT_EQ(check.exit_code, 2) << check.output;
    EXPECT_TRUE(contains(check.output, "is a folder; expected a JSON file (did you mean")) << check.output;
    EXPECT_FALSE(contains(check.output, "not valid JSON")) << check.output;
    auto ledger = run_command(tool() + " ledger " + shell_quote((scratch / "pkg").string()));
    EXPECT_NE(ledger.exit_code, 0);
    EXPECT_TRUE(contains(ledger.output, "is a folder, not a ledger file")) << ledger.output;
    EXPECT_FALSE(contains(ledger.output, "unable to open database file")) << ledger.output;
    // init refuses to overwrite in the CLI's words.
    auto init =
        run_command(tool() + " init " + shell_quote((scratch / "pkg/health-access-barriers-2024.csv").string()));
    EXPECT_EQ(init.exit_code, 2) << init.output;
    EXPECT_TRUE(contains(init.output, "pass --force to replace it")) << init.output;
    EXPECT_FALSE(contains(init.output, "FORCE=1")) << init.output;
}

TEST(Cli, MissingSchemasExitWithThreeAndSayWhereToGetThem) {
    ScratchDirectory scratch;
    write_file(scratch / "m.xml", "<x/>");
    auto result = run_command("CITIZEN_SDMX_SCHEMAS=" + shell_quote((scratch / "nowhere").string()) + " " + tool() +
                              " validate " + shell_quote((scratch / "m.xml").string()));
    EXPECT_EQ(result.exit_code, 3) << result.output;
    EXPECT_TRUE(contains(result.output, "were not found")) << result.output;
    EXPECT_FALSE(contains(result.output, "valid (")) << result.output;
}

TEST(Cli, BadMetadataExitsWithTwoListingEveryProblem) {
    ScratchDirectory scratch;
    auto descriptor = sample_descriptor("disability-access-survey");
    descriptor["citizen_data"].erase("licence");
    descriptor["citizen_data"]["initiative_type"] = "GOVERNMENT";
    auto path = write_package(scratch / "package", descriptor, "disability-access-survey");
    auto result = run_command(tool() + " convert " + shell_quote(path.string()) + " --out " +
                              shell_quote((scratch / "out").string()));
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(contains(result.output, "datapackage.json: error: citizen_data.licence: missing")) << result.output;
    EXPECT_TRUE(contains(result.output, "citizen_data.initiative_type: expected a code of CL_INITIATIVE_TYPE"))
        << result.output;
    EXPECT_TRUE(contains(result.output, "2 problem(s)")) << result.output;
    EXPECT_FALSE(std::filesystem::exists(scratch / "out"));
}

TEST(Cli, InitThenCheckASpreadsheetExport) {
    ScratchDirectory scratch;
    std::filesystem::copy_file(source_directory() / "samples/water-committees-export/water-committees.csv",
                               scratch / "water-committees.csv");
    auto init = run_command(tool() + " init " + shell_quote((scratch / "water-committees.csv").string()));
    ASSERT_EQ(init.exit_code, 0) << init.output;
    EXPECT_TRUE(contains(init.output, "encoding WINDOWS-1252")) << init.output;
    auto descriptor = nlohmann::json::parse(read_file(scratch / "datapackage.json"));
    const auto& resource = descriptor["resources"][0];
    EXPECT_EQ(resource["dialect"]["delimiter"], ";");
    EXPECT_EQ(resource["schema"]["fields"][3]["decimalChar"], ",");
    // The NSO has not decided yet: init says so rather than asking the CSO to invent a decision.
    EXPECT_EQ(descriptor["citizen_data"]["validation"], nlohmann::json({{"result", "PENDING"}}));

    // Until the TODOs are filled, check refuses the package, listing each.
    auto check = run_command(tool() + " check " + shell_quote((scratch / "datapackage.json").string()));
    EXPECT_EQ(check.exit_code, 1) << check.output;
    EXPECT_TRUE(contains(check.output, "citizen_data.producer.id: still a TODO")) << check.output;
    EXPECT_TRUE(contains(check.output, "total-row")) << check.output;
    EXPECT_FALSE(contains(check.output, "error: citizen_data.validation")) << check.output;  // PENDING is a warning
    auto as_json = run_command(tool() + " check --format json " + shell_quote((scratch / "datapackage.json").string()) +
                               " 2>/dev/null");
    EXPECT_EQ(as_json.exit_code, 1);
    auto report = nlohmann::json::parse(as_json.output);
    EXPECT_EQ(report["status"], "problems");
    EXPECT_GE(report["summary"]["error todo"].get<int>(), 20);
    EXPECT_EQ(report["summary"]["error total-row"].get<int>(), 1);
    EXPECT_EQ(report["resources"][0]["rows"], "25");
    EXPECT_EQ(report["resources"][0]["encoding"], "WINDOWS-1252");

    // Running init again does not overwrite the work done.
    EXPECT_EQ(run_command(tool() + " init " + shell_quote((scratch / "water-committees.csv").string())).exit_code, 2);
}

TEST(Cli, CheckExitCodesFollowWhatWasFound) {
    auto sample = source_directory() / "samples/water-committees-export/datapackage.json";
    auto clean = run_command(tool() + " check " + shell_quote(sample.string()));
    EXPECT_EQ(clean.exit_code, 0) << clean.output;  // the Total row is skipped by the package's policy
    EXPECT_TRUE(contains(clean.output, "(row skipped)")) << clean.output;
    auto strict = run_command(tool() + " check --bad-rows reject " + shell_quote(sample.string()));
    EXPECT_EQ(strict.exit_code, 1) << strict.output;
    ScratchDirectory scratch;
    write_file(scratch / "datapackage.json", "{ not json");
    auto unusable = run_command(tool() + " check " + shell_quote((scratch / "datapackage.json").string()));
    EXPECT_EQ(unusable.exit_code, 2) << unusable.output;
    EXPECT_TRUE(contains(unusable.output, "datapackage.json:1:4: error: not valid JSON")) << unusable.output;
}

TEST(Cli, UsageErrorsAndVersion) {
    auto version = run_command(tool() + " --version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_TRUE(contains(version.output, "citizen-sdmx 0.1.0")) << version.output;
    auto usage = run_command(tool() + " convert");
    EXPECT_EQ(usage.exit_code, 2) << usage.output;
    auto unknown = run_command(tool() + " frobnicate");
    EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
}

}  // namespace csdmx::test

namespace csdmx::test {

TEST(Cli, ConvertsOntoTheSdgDsdWithAMapping) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto package = source_directory() / "samples/disability-access-survey/datapackage.json";
    write_file(scratch / "mapping.yaml",
               disability_sample_sdg_mapping("district: [Lilongwe], disability_status: [with disability]"));
    const std::string common = tool() + " convert " + shell_quote(package.string()) + " --dsd " +
                               shell_quote((shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml").string()) +
                               " --mapping " + shell_quote((scratch / "mapping.yaml").string());
    // "male" has no code: refused by default, exit 2, nothing written.
    auto refused = run_command(common + " --out " + shell_quote((scratch / "refused").string()));
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_TRUE(contains(refused.output, "component SEX (column \"sex\"): code \"male\" is not in IAEG-SDGs:CL_SEX"))
        << refused.output;
    EXPECT_FALSE(std::filesystem::exists(scratch / "refused") && !list_directory(scratch / "refused").empty());

    auto skipped = run_command(common + " --on-error skip --out " + shell_quote((scratch / "out").string()));
    ASSERT_EQ(skipped.exit_code, 0) << skipped.output;
    EXPECT_TRUE(contains(skipped.output, "onto IAEG-SDGs:SDG(1.5)") || contains(skipped.output, "SERIES constant"))
        << skipped.output;
    auto names = list_directory(scratch / "out");
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"HEALTH_ACCESS_BARRIERS-SDG-data-structurespecific.xml",
                                               "HEALTH_ACCESS_BARRIERS-SDG-skipped-rows.csv",
                                               "HEALTH_ACCESS_BARRIERS-SDG-structure.xml"}));
    auto validate =
        run_command(tool() + " validate --schemas " + shell_quote((shared / "sdmx/schemas").string()) +
                    " --structure " + shell_quote((shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml").string()) +
                    " " + shell_quote((scratch / "out").string()) + "/*.xml");
    EXPECT_EQ(validate.exit_code, 0) << validate.output;
}

}  // namespace csdmx::test
