// The first hour of a CSO data officer (issue 19): init recognises record tables,
// repairs headers without editing the file, merges files of one header; convert
// says once what a flood of key errors means; describe shows a DSD and finds codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/package_fixture.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

// A KoboToolbox export: one row per household visit, meta columns, many text
// questions, a photo URL, the same question twice and empty trailing columns.
std::string kobo_export(int rows) {
    std::string csv =
        "start;end;deviceid;district;sex;water_source;treats_water;latrine;handwashing;soap;storage;"
        "odour_control_agents_ash;odour_control_agents_ash;household_size;photo_url;_uuid;_submission_time;;\n";
    const char* districts[] = {"Dowa", "Ntchisi", "Kasungu"};
    const char* sexes[] = {"female", "male"};
    const char* sources[] = {"borehole", "piped", "river"};
    for (int i = 0; i < rows; ++i) {
        const std::string day = std::to_string(10 + i % 18);
        csv += "2024-03-" + day + "T08:1" + std::to_string(i % 10) + ":00;2024-03-" + day + "T08:3" +
               std::to_string(i % 10) + ":00;dev" + std::to_string(i % 4) + ";" + districts[i % 3] + ";" +
               sexes[i % 2] + ";" + sources[i % 3] + ";" + (i % 2 ? "yes" : "no") + ";pit;station;" +
               (i % 3 ? "yes" : "no") + ";bucket;" + (i % 2 ? "yes" : "no") + ";" + (i % 4 ? "no" : "yes") + ";" +
               std::to_string(1 + i % 7) + ";https://kf.example.org/media/" + std::to_string(i) + ".jpg;uuid-" +
               std::to_string(i) + ";2024-03-" + day + "T09:00:00;;\n";
    }
    return csv;
}

}  // namespace

TEST(Onboarding, InitRecognisesARecordTableAndRepairsItsHeader) {
    ScratchDirectory scratch;
    write_file(scratch / "visits.csv", kobo_export(60));
    auto init = run_command(tool() + " init " + shell_quote((scratch / "visits.csv").string()));
    ASSERT_EQ(init.exit_code, 0) << init.output;
    EXPECT_TRUE(contains(init.output, "one row per record")) << init.output;
    EXPECT_TRUE(contains(init.output, "docs/tabulation.md")) << init.output;
    auto descriptor = nlohmann::json::parse(read_file(scratch / "datapackage.json"));
    const auto& resource = descriptor["resources"][0];
    ASSERT_TRUE(resource.contains("tabulation")) << resource.dump(2);
    EXPECT_FALSE(resource["schema"].contains("primaryKey"));
    EXPECT_EQ(resource["tabulation"]["statistics"][0]["function"], "count");
    EXPECT_EQ(resource["tabulation"]["period"]["column"], "start");  // a date-time column gives the period
    // The repeated question and the unnamed columns are named, so the file need not change.
    std::vector<std::string> names;
    for (const auto& field : resource["schema"]["fields"]) names.push_back(field["name"]);
    EXPECT_NE(std::find(names.begin(), names.end(), "odour_control_agents_ash__2"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "column_18"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "column_19"), names.end());

    // With the citizen_data of a finished package, check is clean and convert succeeds.
    descriptor["citizen_data"] = sample_descriptor("household-water-survey")["citizen_data"];
    descriptor["citizen_data"]["disclosure_threshold"] = 3;
    write_file(scratch / "datapackage.json", descriptor.dump(2));
    auto check = run_command(tool() + " check " + shell_quote((scratch / "datapackage.json").string()));
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_FALSE(contains(check.output, "appears twice")) << check.output;
    EXPECT_FALSE(contains(check.output, "has no name")) << check.output;
    auto convert = run_command(tool() + " convert " + shell_quote((scratch / "datapackage.json").string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    EXPECT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "tabulated 60 records")) << convert.output;
}

TEST(Onboarding, ASchemaNamesRepeatedAndEmptyHeaderCellsByPosition) {
    ScratchDirectory scratch;
    auto descriptor = sample_descriptor("disability-access-survey");
    std::string csv =
        read_file(source_directory() / "samples/disability-access-survey/health-access-barriers-2024.csv");
    // The header loses its last name and repeats the first: as exports do.
    const auto header_end = csv.find('\n');
    csv = "district,sex,disability_status,respondents,district,\n" + csv.substr(header_end + 1);
    auto& fields = descriptor["resources"][0]["schema"]["fields"];
    fields[4] = {{"name", "district__2"}, {"type", "integer"}};
    fields[5] = {{"name", "column_6"}, {"type", "number"}};
    descriptor["resources"][0]["schema"]["fields"] = fields;
    auto path = write_package(scratch.path(), descriptor, "disability-access-survey", &csv);
    auto check = run_command(tool() + " check " + shell_quote(path.string()));
    EXPECT_FALSE(contains(check.output, "appears twice")) << check.output;
    EXPECT_FALSE(contains(check.output, "has no name")) << check.output;
    EXPECT_FALSE(contains(check.output, "header")) << check.output;

    // Without the names, the messages say which names would do.
    fields[4]["name"] = "reported_barrier";
    descriptor["resources"][0]["schema"]["fields"] = fields;
    path = write_package(scratch.path(), descriptor, "disability-access-survey", &csv);
    check = run_command(tool() + " check " + shell_quote(path.string()));
    EXPECT_TRUE(contains(check.output, "give its field the name \"district__2\" in the schema")) << check.output;
}

TEST(Onboarding, InitMergesFilesOfOneHeaderIntoOneResource) {
    ScratchDirectory scratch;
    for (int month = 1; month <= 4; ++month) {
        std::string csv = "sensor_id;timestamp;P1;P2\n";
        for (int i = 0; i < 5; ++i) {
            csv += std::to_string(100 + i) + ";2024-0" + std::to_string(month) + "-0" + std::to_string(i + 1) +
                   "T10:00:00;" + std::to_string(10 + i) + (month == 3 ? ".5" : "") + ";" + std::to_string(5 + i) +
                   "\n";
        }
        write_file(scratch / ("sds011_sensor_" + std::to_string(5330 + month) + ".csv"), csv);
    }
    std::string files;
    for (int month = 1; month <= 4; ++month) {
        files += " " + shell_quote((scratch / ("sds011_sensor_" + std::to_string(5330 + month) + ".csv")).string());
    }
    auto init = run_command(tool() + " init" + files);
    ASSERT_EQ(init.exit_code, 0) << init.output;
    auto descriptor = nlohmann::json::parse(read_file(scratch / "datapackage.json"));
    ASSERT_EQ(descriptor["resources"].size(), 1u) << descriptor.dump(2);
    const auto& resource = descriptor["resources"][0];
    ASSERT_TRUE(resource["path"].is_array());
    EXPECT_EQ(resource["path"].size(), 4u);
    EXPECT_EQ(resource["schema"]["fields"][2]["type"], "number");  // integer in three files, number in one
    // Each note is said once, not once per file.
    EXPECT_EQ(count_of(init.output, "another part of resource"), 3u) << init.output;
    EXPECT_LE(count_of(init.output, "one row per record"), 1u) << init.output;

    // Files whose names differ by a period hold different periods the rows do not say:
    // they stay resources of their own, each converted with its own period.
    std::filesystem::create_directories(scratch / "periods");
    for (const char* name : {"reports_2019.csv", "reports_2020-1.csv", "reports_2020-2.csv"}) {
        write_file(scratch / "periods" / name, "area,reports\nA,3\nB,4\n");
    }
    auto periods = run_command(tool() + " init " + shell_quote((scratch / "periods/reports_2019.csv").string()) + " " +
                               shell_quote((scratch / "periods/reports_2020-1.csv").string()) + " " +
                               shell_quote((scratch / "periods/reports_2020-2.csv").string()));
    ASSERT_EQ(periods.exit_code, 0) << periods.output;
    EXPECT_EQ(nlohmann::json::parse(read_file(scratch / "periods/datapackage.json"))["resources"].size(), 3u);
}

TEST(Onboarding, AFloodOfKeyErrorsIsSaidOnceWithWhatItMeans) {
    // Following "declare the primaryKey" on a records file: every text column a
    // dimension, many of them empty. Convert says what that means once.
    ScratchDirectory scratch;
    write_file(scratch / "visits.csv", kobo_export(200));
    ASSERT_EQ(run_command(tool() + " init " + shell_quote((scratch / "visits.csv").string())).exit_code, 0);
    auto descriptor = nlohmann::json::parse(read_file(scratch / "datapackage.json"));
    auto& resource = descriptor["resources"][0];
    resource.erase("tabulation");
    resource["schema"]["primaryKey"] = {"district", "sex", "water_source"};
    const std::set<std::string> kept = {"start", "district", "sex", "water_source", "household_size"};
    for (auto& field : resource["schema"]["fields"]) {
        if (!kept.count(field["name"].get<std::string>())) field["sdmx"] = {{"role", "ignore"}};
    }
    descriptor["citizen_data"] = sample_descriptor("household-water-survey")["citizen_data"];
    write_file(scratch / "datapackage.json", descriptor.dump(2));
    auto convert = run_command(tool() + " convert " + shell_quote((scratch / "datapackage.json").string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    EXPECT_NE(convert.exit_code, 0) << convert.output;
    EXPECT_EQ(count_of(convert.output, "this looks like one row per record"), 1u) << convert.output;
    EXPECT_LT(count_of(convert.output, "\n"), 60u) << convert.output;
    auto check = run_command(tool() + " check " + shell_quote((scratch / "datapackage.json").string()));
    EXPECT_EQ(check.exit_code, 1) << check.output;
    EXPECT_EQ(count_of(check.output, "this looks like one row per record"), 1u) << check.output;
}

TEST(Onboarding, ATimestampAsACodeIsAWarning) {
    // Aberdeen's readings with key [sensor_id, timestamp] and the reading as a
    // measure: valid SDMX, meaningless; convert says so.
    ScratchDirectory scratch;
    std::string csv = "sensor_id,timestamp,P1\n";
    for (int i = 0; i < 30; ++i) {
        csv += "S" + std::to_string(i % 3) + ",2024-03-01T10:" + std::to_string(10 + i) + ":00," + std::to_string(i) +
               "\n";
    }
    auto descriptor = sample_descriptor("air-quality-citizen-sensors");
    auto& resource = descriptor["resources"][0];
    resource["schema"] = {{"fields",
                           {{{"name", "sensor_id"}, {"type", "string"}},
                            {{"name", "timestamp"}, {"type", "string"}},
                            {{"name", "P1"}, {"type", "number"}}}},
                          {"primaryKey", {"sensor_id", "timestamp"}}};
    resource.erase("tabulation");
    auto path = write_package(scratch.path(), descriptor, "air-quality-citizen-sensors", &csv);
    auto convert = run_command(tool() + " convert " + shell_quote(path.string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    EXPECT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "a timestamp, which identifies a record")) << convert.output;
}

TEST(Onboarding, DescribeShowsADsdAndFindsCodesByName) {
    CSDMX_REQUIRE_SHARED(shared);
    const auto dsd = shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml";
    auto listing = run_command(tool() + " describe " + shell_quote(dsd.string()));
    ASSERT_EQ(listing.exit_code, 0) << listing.output;
    EXPECT_TRUE(contains(listing.output, "dimension SERIES")) << listing.output.substr(0, 2000);
    EXPECT_TRUE(contains(listing.output, "time dimension TIME_PERIOD")) << listing.output.substr(0, 2000);

    auto found = run_command(tool() + " describe " + shell_quote(dsd.string()) + " --find EN_ATM_PM25 --find GPERM3");
    ASSERT_EQ(found.exit_code, 0) << found.output;
    EXPECT_TRUE(contains(found.output, "EN_ATM_PM25  ")) << found.output;
    EXPECT_TRUE(contains(found.output, "GPERM3  ")) << found.output;
    EXPECT_TRUE(contains(found.output, "used by SDG.SERIES")) << found.output;

    auto by_name = run_command(tool() + " describe " + shell_quote(dsd.string()) + " --find pm2.5 --format json");
    ASSERT_EQ(by_name.exit_code, 0) << by_name.output;
    auto json = nlohmann::json::parse(by_name.output);
    bool pm25 = false;
    for (const auto& match : json["matches"]) pm25 = pm25 || match["id"] == "EN_ATM_PM25";
    EXPECT_TRUE(pm25) << by_name.output.substr(0, 2000);

    auto nothing = run_command(tool() + " describe " + shell_quote(dsd.string()) + " --find NO_SUCH_CODE_ANYWHERE");
    EXPECT_EQ(nothing.exit_code, 1) << nothing.output;
    EXPECT_TRUE(contains(nothing.output, "no code matches")) << nothing.output;

    auto help = run_command(tool() + " describe --help");
    EXPECT_TRUE(contains(help.output, "--find PM2.5")) << help.output;
}

TEST(Onboarding, ObservationsOutsideTheCoveragePeriodAreWarned) {
    ScratchDirectory scratch;
    auto descriptor = sample_descriptor("air-quality-citizen-sensors");
    descriptor["citizen_data"]["coverage"]["period"] = {{"start", "2030-01-01"}, {"end", "2030-12-31"}};
    auto path = write_package(scratch.path(), descriptor, "air-quality-citizen-sensors");
    auto convert = run_command(tool() + " convert " + shell_quote(path.string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    EXPECT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "outside the coverage period 2030-01-01 to 2030-12-31")) << convert.output;
}

TEST(Onboarding, SuppressedCellsCanBeListedWithTheirRecords) {
    ScratchDirectory scratch;
    auto sample = source_directory() / "samples/household-water-survey/datapackage.json";
    auto convert = run_command(tool() + " convert --list-suppressed " + shell_quote(sample.string()) + " --out " +
                               shell_quote((scratch / "out").string()));
    ASSERT_EQ(convert.exit_code, 0) << convert.output;
    EXPECT_TRUE(contains(convert.output, "suppressed cells (A: fewer records than the threshold")) << convert.output;
    EXPECT_TRUE(contains(convert.output, " records\n")) << convert.output;
    // Never in the messages: a suppressed cell's records stay with the person converting.
    for (const auto& file : list_directory(scratch / "out")) {
        EXPECT_FALSE(contains(read_file(scratch / "out" / file), "protects")) << file;
    }
    auto check = run_command(tool() + " check --list-suppressed " + shell_quote(sample.string()));
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_TRUE(contains(check.output, " records into ")) << check.output;
    EXPECT_TRUE(contains(check.output, "suppressed cells (A:")) << check.output;
}

}  // namespace csdmx::test
