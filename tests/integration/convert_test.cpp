// End to end: packages in, messages out, messages valid and carrying exactly the
// table's values. Expected values are computed here from the CSV text itself.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/validation/message_validator.h"
#include "tests/integration/conversion_fixture.h"
#include "tests/package_fixture.h"

namespace csdmx::test {

namespace {

std::vector<std::vector<std::string>> split_csv_without_quotes(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::vector<std::string> fields;
        std::string field;
        std::istringstream cells(line);
        while (std::getline(cells, field, ',')) fields.push_back(field);
        if (line.back() == ',') fields.emplace_back();
        rows.push_back(fields);
    }
    return rows;
}

struct TableShape {
    std::vector<std::pair<std::string, std::string>> dimensions;  // component id, column
    std::vector<std::pair<std::string, std::string>> measures;    // INDICATOR code, column
    std::string time_column;                                      // or empty
    std::string constant_time;
    std::string frequency;
    std::set<std::string> missing{"", "NA"};
};

// What the messages should hold, from the CSV alone.
std::multiset<std::string> expected_observations(const std::string& csv, const TableShape& shape) {
    auto rows = split_csv_without_quotes(csv);
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < rows[0].size(); ++i) column[rows[0][i]] = i;
    std::multiset<std::string> expected;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        for (const auto& [code, measure] : shape.measures) {
            const std::string& value = row.at(column.at(measure));
            if (shape.missing.count(value)) continue;
            std::string text = "FREQ=" + shape.frequency + "|INDICATOR=" + code + "|";
            for (const auto& [id, name] : shape.dimensions) text += id + "=" + row.at(column.at(name)) + "|";
            text += "TIME_PERIOD=" +
                    (shape.time_column.empty() ? shape.constant_time : row.at(column.at(shape.time_column))) + "|";
            text += "=" + value;
            expected.insert(text);
        }
    }
    return expected;
}

void expect_valid(const Conversion& conversion, const std::filesystem::path& shared) {
    sdmx::ValidateOptions options;
    options.schemas = shared / "sdmx/schemas";
    auto reports = sdmx::validate_messages(conversion.outcome.outputs, options);
    ASSERT_EQ(reports.size(), 3u);
    for (const auto& report : reports) {
        std::string problems;
        for (const auto& d : report.diagnostics.items()) problems += format_diagnostic(d) + "\n";
        EXPECT_TRUE(report.valid) << report.file << "\n" << problems;
    }
}

void expect_same_observations(const Conversion& conversion, const std::multiset<std::string>& expected) {
    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml"}) {
        auto actual = observations_by_name(output_ending(conversion, suffix), structures);
        EXPECT_EQ(actual.size(), expected.size()) << suffix;
        EXPECT_TRUE(actual == expected) << suffix << ": first expected " << *expected.begin() << "\nfirst actual "
                                        << (actual.empty() ? "(none)" : *actual.begin());
    }
}

std::string sha256_by_tool(const std::filesystem::path& file) {
    auto result = run_command("sha256sum " + shell_quote(file.string()));
    return result.output.substr(0, 64);
}

}  // namespace

TEST(Convert, DisabilitySampleBecomesValidMessagesWithTheTablesValues) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto descriptor = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto conversion = convert(descriptor, scratch / "out");
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    ASSERT_EQ(conversion.outcome.outputs.size(), 3u);
    expect_valid(conversion, shared);

    TableShape shape;
    shape.dimensions = {{"DISTRICT", "district"}, {"SEX", "sex"}, {"DISABILITY_STATUS", "disability_status"}};
    shape.measures = {{"RESPONDENTS", "respondents"},
                      {"REPORTED_BARRIER", "reported_barrier"},
                      {"SHARE_REPORTING_BARRIER", "share_reporting_barrier"}};
    shape.constant_time = "2024";  // from citizen_data.coverage.period
    shape.frequency = "A";
    auto csv = read_file(descriptor.parent_path() / "health-access-barriers-2024.csv");
    auto expected = expected_observations(csv, shape);
    EXPECT_EQ(expected.size(), 72u);
    expect_same_observations(conversion, expected);
    EXPECT_EQ(conversion.outcome.statistics.rows, 24u);
    EXPECT_EQ(conversion.outcome.statistics.observations, 72u);
}

TEST(Convert, ProvenanceAndParticipationTravelWithTheMessages) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto descriptor = source_directory() / "samples/disability-access-survey/datapackage.json";
    auto conversion = convert(descriptor, scratch / "out");
    ASSERT_TRUE(conversion.ok) << conversion.listing();

    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    const auto* flow = structures.find_dataflow({"NSO_MW", "DF_HEALTH_ACCESS_BARRIERS", "1.0"});
    ASSERT_NE(flow, nullptr);
    std::map<std::string, std::string> participation;
    for (const auto& a : flow->annotations) {
        if (a.type == "CITIZEN_DATA_PARTICIPATION") participation[a.id] = a.title;
    }
    EXPECT_EQ(participation, (std::map<std::string, std::string>{{"DESIGN", "5"},
                                                                 {"COLLECT", "5"},
                                                                 {"PROCESS", "4"},
                                                                 {"ANALYSE", "4"},
                                                                 {"DISSEMINATE", "5"},
                                                                 {"USE", "3"}}));
    ASSERT_NE(sdmx::find_annotation(flow->annotations, "CITIZEN_DATA_STATUS"), nullptr);
    EXPECT_EQ(sdmx::find_annotation(flow->annotations, "CITIZEN_DATA_STATUS")->title, "QUALIFIES");
    EXPECT_EQ(sdmx::find_annotation(flow->annotations, "CITIZEN_DATA_NSO_VALIDATION")->url,
              "https://example.org/nso/citizen-data/validation/2024-07");
    ASSERT_EQ(structures.provision_agreements.size(), 1u);
    EXPECT_EQ(structures.provision_agreements[0].provider_id, "DISABILITY_ACCESS_FORUM");
    EXPECT_EQ(structures.provision_agreements[0].annotations.size(), flow->annotations.size());
    EXPECT_EQ(structures.data_provider_schemes.at(0).items.at(0).id, "DISABILITY_ACCESS_FORUM");

    const auto& dsd = structures.data_structures.at(0);
    for (const char* id : {"CITIZEN_DATA_STATUS", "PRODUCER_TYPE", "INITIATIVE_TYPE", "PARTICIPATION_DESIGN",
                           "PARTICIPATION_USE", "NSO_VALIDATION"}) {
        const auto* attribute = dsd.find_attribute(id);
        ASSERT_NE(attribute, nullptr) << id;
        EXPECT_EQ(attribute->relationship.level, sdmx::AttachmentLevel::DataSet) << id;
        EXPECT_TRUE(attribute->local_representation && attribute->local_representation->enumeration) << id;
    }

    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml"}) {
        sdmx::ml21::DataMessageReader reader(output_ending(conversion, suffix), &dsd);
        sdmx::ml21::ReadObservation observation;
        ASSERT_TRUE(reader.next(observation));
        const auto& dataset = reader.dataset();
        std::map<std::string, std::string> attributes(dataset.attributes.begin(), dataset.attributes.end());
        EXPECT_EQ(attributes["CITIZEN_DATA_STATUS"], "QUALIFIES") << suffix;
        EXPECT_EQ(attributes["PARTICIPATION_DESIGN"], "5") << suffix;
        EXPECT_EQ(attributes["NSO_VALIDATION"], "VALIDATED_WITH_CAVEATS") << suffix;
        EXPECT_EQ(dataset.provider_id, "DISABILITY_ACCESS_FORUM") << suffix;
        std::map<std::string, std::string> inputs;
        for (const auto& a : dataset.annotations) {
            if (a.type == "CONVERSION_INPUT") inputs[a.text.text()] = a.title;
        }
        EXPECT_EQ(inputs["datapackage.json"], "sha256:" + sha256_by_tool(descriptor)) << suffix;
        EXPECT_EQ(inputs["health-access-barriers-2024.csv"],
                  "sha256:" + sha256_by_tool(descriptor.parent_path() / "health-access-barriers-2024.csv"))
            << suffix;
        EXPECT_NE(sdmx::find_annotation(dataset.annotations, "CONVERSION_TOOL"), nullptr);
        EXPECT_NE(sdmx::find_annotation(dataset.annotations, "CONVERSION_TIME"), nullptr);
        EXPECT_NE(sdmx::find_annotation(dataset.annotations, "CONVERSION_MAPPING"), nullptr);
    }
}

TEST(Convert, AirQualitySampleSkipsMissingValuesAndKeepsAttributes) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto descriptor = source_directory() / "samples/air-quality-citizen-sensors/datapackage.json";
    auto conversion = convert(descriptor, scratch / "out");
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid(conversion, shared);
    TableShape shape;
    shape.dimensions = {{"REF_AREA", "area"}};
    shape.measures = {{"PM10", "pm10_mean"}, {"PM25", "pm25_mean"}};
    shape.time_column = "month";
    shape.frequency = "M";
    auto csv = read_file(descriptor.parent_path() / "monthly-particulate-matter-2023.csv");
    auto expected = expected_observations(csv, shape);
    EXPECT_EQ(expected.size(), 70u);  // 36 rows x 2 measures, one row with both missing
    expect_same_observations(conversion, expected);
    EXPECT_EQ(conversion.outcome.statistics.missing_values, 2u);
    // The PENDING validation is reported as a warning, not an error.
    bool warned = false;
    for (const auto& d : conversion.diagnostics.items()) {
        warned = warned || (d.severity == Severity::warning && d.path == "citizen_data.validation.result");
    }
    EXPECT_TRUE(warned) << conversion.listing();
}

TEST(Convert, ASpreadsheetExportInWindows1252WithDecimalCommas) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto descriptor = source_directory() / "samples/water-committees-export/datapackage.json";
    auto conversion = convert(descriptor, scratch / "out");
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid(conversion, shared);
    EXPECT_EQ(conversion.outcome.statistics.rows, 25u);
    EXPECT_EQ(conversion.outcome.statistics.rows_skipped, 1u);           // the Total row
    EXPECT_EQ(conversion.outcome.statistics.observations, 24u * 3 - 1);  // one NA
    // Raw bytes "Chitipa;2024 Q1;14;90464,29;41,0;" on line 2; "\xBD of members present \x96 rains" on line 3.
    std::string raw = read_file(descriptor.parent_path() / "water-committees.csv");
    ASSERT_NE(raw.find("Chitipa;2024 Q1;14;90464,29;41,0;"), std::string::npos);
    ASSERT_NE(raw.find("\xBD of members present \x96 rains"), std::string::npos);
    std::string generic = read_file(output_ending(conversion, "-data-generic.xml"));
    EXPECT_NE(generic.find("<generic:Value id=\"COMMENT\" value=\"\xC2\xBD of members present \xE2\x80\x93 rains\"/>"),
              std::string::npos);
    std::string structure_specific = read_file(output_ending(conversion, "-data-structurespecific.xml"));
    EXPECT_NE(structure_specific.find("<Series FREQ=\"Q\" INDICATOR=\"MEAN_SAVINGS_MWK\" DISTRICT=\"CHITIPA\">"),
              std::string::npos);
    EXPECT_NE(structure_specific.find("<Obs TIME_PERIOD=\"2024-Q1\" OBS_VALUE=\"90464.29\" UNIT_MEASURE=\"MWK\"/>"),
              std::string::npos);
}

TEST(Convert, SameInputAndClockGiveByteIdenticalMessages) {
    ScratchDirectory scratch;
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    auto descriptor = source_directory() / "samples/air-quality-citizen-sensors/datapackage.json";
    auto first = convert(descriptor, scratch / "a");
    auto second = convert(descriptor, scratch / "b");
    ::unsetenv("SOURCE_DATE_EPOCH");
    ASSERT_TRUE(first.ok && second.ok);
    for (std::size_t i = 0; i < first.outcome.outputs.size(); ++i) {
        EXPECT_EQ(read_file(first.outcome.outputs[i]), read_file(second.outcome.outputs[i]));
    }
    EXPECT_NE(read_file(first.outcome.outputs[0]).find("2023-11-14T22:13:20Z"), std::string::npos);
}

TEST(Convert, RealCommunityPackageCovid19KeralaWithItsOwnDescriptor) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    const auto source = shared / "cgd/covid19kerala_datapackage";
    auto descriptor = nlohmann::json::parse(read_file(source / "datapackage.json"));
    descriptor["citizen_data"] =
        nlohmann::json::parse(read_file(source_directory() / "tests/fixtures/citizen_data/codd_k.json"));
    auto folder = scratch / "package";
    std::filesystem::create_directories(folder);
    write_file(folder / "datapackage.json", descriptor.dump(2));
    for (const char* file : {"age.csv", "sum_by_day.csv"}) std::filesystem::copy_file(source / file, folder / file);

    // age: age groups by sex; the descriptor's non-standard "datatype" keys are read as "type".
    mapping::PrepareOptions options;
    options.resource = "age";
    auto age = convert(folder / "datapackage.json", scratch / "age", options);
    ASSERT_TRUE(age.ok) << age.listing();
    expect_valid(age, shared);
    TableShape shape;
    shape.dimensions = {{"AGE_GROUP", "age_group"}};
    shape.measures = {{"FEMALE", "female"}, {"MALE", "male"}, {"UNSPECIFIED", "unspecified"}, {"TOTAL", "total"}};
    shape.constant_time = "2020";
    shape.frequency = "A";
    auto expected = expected_observations(read_file(source / "age.csv"), shape);
    EXPECT_EQ(expected.size(), 44u);
    expect_same_observations(age, expected);
    EXPECT_TRUE(expected.count("FREQ=A|INDICATOR=MALE|AGE_GROUP=30-39|TIME_PERIOD=2020|=1408"));

    // sum_by_day as published: "recovered" and "critical" are declared integer but hold
    // floats such as 5.0 from line 58 on (a known quirk of this release). Each cell is
    // reported where it is, and nothing is written.
    options.resource = "sum_by_day";
    auto as_published = convert(folder / "datapackage.json", scratch / "daily", options);
    EXPECT_FALSE(as_published.ok);
    ASSERT_FALSE(as_published.diagnostics.items().empty());
    const Diagnostic* first = nullptr;
    for (const auto& d : as_published.diagnostics.items()) {
        if (d.severity == Severity::error && first == nullptr) first = &d;
    }
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->line, 58u);
    EXPECT_EQ(first->column, 16u);
    EXPECT_NE(first->message.find("column \"recovered\": expected a whole number"), std::string::npos);
    EXPECT_NE(first->message.find("found \"5.0\""), std::string::npos);
    EXPECT_TRUE(list_directory(scratch / "daily").empty());

    // With the two types corrected to number, as a data officer would, it converts:
    // daily totals keyed by date (FREQ D), empty cells being missing values.
    for (auto& resource : descriptor["resources"]) {
        if (resource["name"] != "sum_by_day") continue;
        for (auto& field : resource["schema"]["fields"]) {
            if (field["name"] == "recovered" || field["name"] == "critical") field["datatype"] = "number";
        }
    }
    write_file(folder / "datapackage.json", descriptor.dump(2));
    auto daily = convert(folder / "datapackage.json", scratch / "daily", options);
    ASSERT_TRUE(daily.ok) << daily.listing();
    expect_valid(daily, shared);
    auto rows = split_csv_without_quotes(read_file(source / "sum_by_day.csv"));
    std::size_t non_empty = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        for (std::size_t c = 1; c + 1 < rows[r].size(); ++c) non_empty += rows[r][c].empty() ? 0 : 1;
    }
    EXPECT_EQ(rows.size() - 1, 164u);
    EXPECT_EQ(daily.outcome.statistics.observations, non_empty);
}

TEST(Convert, RealCsoCountsFixMyStreetByLocalAuthorityAndCategory) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    auto folder = scratch / "package";
    std::filesystem::create_directories(folder);
    const auto csv_path = shared / "cgd/fixmystreet_reports_lad/LAD_all_SHEF_C_2019.csv";
    std::filesystem::copy_file(csv_path, folder / "reports-2019.csv");
    nlohmann::json descriptor = {
        {"name", "fixmystreet-reports-2019"},
        {"resources",
         {{{"name", "reports"},
           {"path", "reports-2019.csv"},
           {"schema",
            {{"fields",
              {{{"name", "lad"}, {"type", "string"}, {"sdmx", {{"concept", "REF_AREA"}}}},
               {{"name", "SHEF_C_CODE"}, {"type", "string"}, {"sdmx", {{"concept", "REPORT_CATEGORY"}}}},
               {{"name", "reports"}, {"type", "integer"}},
               {{"name", "unique_users"}, {"type", "integer"}},
               {{"name", "average_per_user"}, {"type", "number"}}}},
             {"primaryKey", {"lad", "SHEF_C_CODE"}}}}}}},
        {"citizen_data",
         nlohmann::json::parse(read_file(source_directory() / "tests/fixtures/citizen_data/fixmystreet.json"))}};
    write_file(folder / "datapackage.json", descriptor.dump(2));
    auto conversion = convert(folder / "datapackage.json", scratch / "out");
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid(conversion, shared);
    TableShape shape;
    shape.dimensions = {{"REF_AREA", "lad"}, {"REPORT_CATEGORY", "SHEF_C_CODE"}};
    shape.measures = {
        {"REPORTS", "reports"}, {"UNIQUE_USERS", "unique_users"}, {"AVERAGE_PER_USER", "average_per_user"}};
    shape.constant_time = "2019";  // the period is only in the file name; the package states it
    shape.frequency = "A";
    auto expected = expected_observations(read_file(csv_path), shape);
    EXPECT_EQ(expected.size(), 2570u * 3);
    expect_same_observations(conversion, expected);
    EXPECT_TRUE(expected.count("FREQ=A|INDICATOR=REPORTS|REF_AREA=E06000004|REPORT_CATEGORY=C1|TIME_PERIOD=2019|=2"));
}

}  // namespace csdmx::test
