// Every real dataset in ../shared/cgd goes through what a data officer does: init,
// complete the package, check, and (for those already in table form) convert and
// validate. Expected facts are the datasets' own (SOURCES.md) or read from the raw
// files here, never taken from the code under test.
#include <gtest/gtest.h>

#include "package/package_inference.h"
#include "sdmx/validation/message_validator.h"
#include "tests/integration/real_dataset_fixture.h"

namespace csdmx::test {

TEST_F(RealDataset, SensorCommunityAberdeen) {
    const std::vector<std::string> files = {"2018-10-15_sds011_sensor_5331.csv", "2018-10-15_sds011_sensor_8554.csv",
                                            "2018-10-15_sds011_sensor_8733.csv", "2018-10-15_sds011_sensor_15092.csv",
                                            "2018-10-15_dht22_sensor_5332.csv"};
    json package = init("sensor_community_aberdeen", files);
    // The four SDS011 archives share a header: one resource in parts (issue 19); the DHT22 file is another.
    ASSERT_EQ(package["resources"].size(), 2u);
    json& first = package["resources"][0];
    EXPECT_EQ(first["path"], json({files[0], files[1], files[2], files[3]}));
    // Readings are records: init writes a tabulation to start from, per the timestamp.
    ASSERT_TRUE(first.contains("tabulation"));
    EXPECT_EQ(first["tabulation"]["period"]["column"], "timestamp");
    EXPECT_EQ(first["dialect"]["delimiter"], ";");
    EXPECT_EQ(field(first, "timestamp")["type"], "datetime");
    EXPECT_EQ(field(first, "P1")["type"], "number");
    package["citizen_data"] = citizen_data({"ABDN_AIR", "Aberdeen Air Quality (Code The City, 57North)",
                                            "CITIZEN_SCIENTISTS", "CITIZEN_LED", "5", "5", "2018-10-15", "2018-10-15"});
    package["citizen_data"]["disclosure_threshold"] = 3;  // tabulated cells rest on 3 readings at least
    save(package);
    auto report = check();
    EXPECT_FALSE(report.diagnostics.has_errors()) << listing(report.diagnostics);
    ASSERT_EQ(report.resources.size(), 2u);
    // SOURCES.md: 569-579 readings a file
    EXPECT_EQ(report.resources[0].statistics.rows_delivered, 578u + 579u + 569u + 578u);
    EXPECT_EQ(report.resources[1].statistics.rows_delivered, 577u);
    auto readings = rows(0);
    const auto p1 = field_index(first, "P1"), p2 = field_index(first, "P2"), time = field_index(first, "timestamp");
    EXPECT_EQ(readings[0].cells[time].value, "2018-10-15T00:00:36");
    EXPECT_EQ(readings[0].cells[p1].value, "5.93");
    EXPECT_EQ(readings[0].cells[p2].value, "2.10");
    EXPECT_TRUE(readings[0].cells[field_index(first, "durP1")].missing);  // always empty in these archives
}

TEST_F(RealDataset, RuralWaterpointFunctionality) {
    json package = init("rural_waterpoint_functionality", {"rwpfunctionality.csv"});
    json& resource = package["resources"][0];
    EXPECT_EQ(field(resource, "subdate_wp")["type"], "date");
    auto markers = resource["schema"]["missingValues"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(markers.begin(), markers.end(), "NA"), markers.end());
    package["citizen_data"] = citizen_data({"CHARITY_WATER_PARTNERS", "charity: water implementing partners", "CSO",
                                            "CO_PRODUCED", "3", "5", "2017-05-01", "2020-12-31"});
    resource["schema"]["primaryKey"] = {"id"};
    // Visits are records: init wrote a tabulation to start from, whose cells rest on 3 records at least.
    EXPECT_TRUE(resource.contains("tabulation"));
    package["citizen_data"]["disclosure_threshold"] = 3;
    save(package);
    auto report = check();
    EXPECT_FALSE(report.diagnostics.has_errors()) << listing(report.diagnostics);
    EXPECT_EQ(report.resources.at(0).statistics.rows_delivered, 1793u);  // SOURCES.md
    auto visits = rows(0);
    const auto functional = field_index(resource, "functional3");
    std::map<std::string, int> counts;
    for (const auto& visit : visits) counts[visit.cells[functional].value]++;
    EXPECT_EQ(counts["Functional"], 1333);  // read from the raw file with Python's csv module
    EXPECT_EQ(counts["Partially functional"], 157);
    EXPECT_EQ(counts["Abandoned or not functional"], 303);
    EXPECT_EQ(visits[0].cells[field_index(resource, "country")].value, "Ethiopia");
    EXPECT_EQ(visits[0].cells[field_index(resource, "subdate_wp")].value, "2020-01-02");
}

TEST_F(RealDataset, DowaLatrineSurveyInWindows1252) {
    const std::string name = "Dowa Household Latrine survey.csv";
    json package = init("dowa_latrine_survey", {name});
    json& resource = package["resources"][0];
    EXPECT_EQ(resource["encoding"], "windows-1252");
    EXPECT_EQ(field(resource, "submitted_on")["format"], "%m/%d/%Y");
    auto markers = resource["schema"]["missingValues"].get<std::vector<std::string>>();
    for (const char* marker : {"NA", "None", "Not Applicable"}) {
        EXPECT_NE(std::find(markers.begin(), markers.end(), marker), markers.end()) << marker;
    }
    package["citizen_data"] =
        citizen_data({"BASEFLOW", "BASEflow", "CSO", "CO_PRODUCED", "3", "4", "2020-10-01", "2020-10-31"});
    // A survey: init wrote a tabulation to start from, whose cells rest on 3 records at least.
    EXPECT_TRUE(resource.contains("tabulation"));
    package["citizen_data"]["disclosure_threshold"] = 3;
    save(package);
    auto report = check();
    EXPECT_FALSE(report.diagnostics.has_errors()) << listing(report.diagnostics);
    EXPECT_EQ(report.resources.at(0).statistics.rows_delivered, 89u);  // SOURCES.md
    EXPECT_EQ(report.resources.at(0).statistics.encoding, "WINDOWS-1252");

    // The one Latin-1 byte, 0xBD, sits on line 26 of the raw file, in the 6th record.
    std::string raw = read_file(shared_ / "cgd/dowa_latrine_survey" / name);
    auto at = raw.find('\xBD');
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(std::count(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1, 26);
    auto surveys = rows(0);
    const std::string& process = surveys.at(4).cells[field_index(resource, "purchase_installation_process")].value;
    EXPECT_EQ(process.rfind("A hole is dug 3\xC2\xBDm", 0), 0u) << process;                // ½, now UTF-8
    EXPECT_NE(process.find('\n'), std::string::npos);                                      // a quoted multi-line answer
    EXPECT_EQ(surveys.at(0).cells[field_index(resource, "district")].value.front(), 'D');  // " Dowa" trimmed
}

TEST_F(RealDataset, NchaloHouseholdWaterSurvey) {
    json package = init("nchalo_household_water_survey", {"Nchalo household survey 2021.csv"});
    json& resource = package["resources"][0];
    EXPECT_EQ(field(resource, "submitted_on")["type"], "date");
    // All submission dates have day and month under 13: init says the order is a guess.
    bool warned = false;
    for (const auto& d : init_notes_.items())
        warned = warned || d.message.find("both month/day and day/month") != std::string::npos;
    EXPECT_TRUE(warned) << listing(init_notes_, Severity::note);
    package["citizen_data"] = citizen_data(
        {"NCHALO_WATER", "Nchalo Water Project", "CSO", "CO_PRODUCED", "4", "4", "2021-04-01", "2021-04-30"});
    // A survey: init wrote a tabulation to start from, whose cells rest on 3 records at least.
    EXPECT_TRUE(resource.contains("tabulation"));
    package["citizen_data"]["disclosure_threshold"] = 3;
    save(package);
    auto report = check();
    EXPECT_FALSE(report.diagnostics.has_errors()) << listing(report.diagnostics);
    EXPECT_EQ(report.resources.at(0).statistics.rows_delivered, 74u);  // SOURCES.md
    auto surveys = rows(0);
    EXPECT_EQ(surveys[0].cells[field_index(resource, "submitted_on")].value, "2021-04-08");  // raw: 4/8/2021
    EXPECT_EQ(surveys[0].cells[field_index(resource, "community_name")].value, "Fote 1");
}

TEST_F(RealDataset, CleanTeamGhanaKoboExport) {
    json package = init("cleanteam_ghana_kobo", {"CTG_data_anonymized.csv"});
    json& resource = package["resources"][0];
    EXPECT_EQ(resource["dialect"]["delimiter"], ";");
    EXPECT_EQ(field(resource, "_uuid")["sdmx"]["role"], "ignore");
    // Nearly all "date" cells are dd.mm.yyyy; twelve hold district names (rows shifted
    // by a column), so init leaves the column as text and says why.
    EXPECT_EQ(field(resource, "date")["type"], "string");
    bool explained = false;
    for (const auto& d : init_notes_.items()) {
        explained =
            explained || (d.path == "column \"date\"" && d.message.find("nearly all values are date (%d.%m.%Y), "
                                                                        "but 12 are not") != std::string::npos);
    }
    EXPECT_TRUE(explained) << listing(init_notes_, Severity::note);
    field(resource, "date")["type"] = "date";  // what the data officer then declares
    field(resource, "date")["format"] = "%d.%m.%Y";
    ASSERT_TRUE(field(resource, "ctg_information_source").contains("selectMultiple"));
    EXPECT_EQ(field(resource, "ctg_information_source")["selectMultiple"]["choices"],
              json({"Family member", "Friend", "Neighbour", "Other", "Sales agent", "Spouse"}));
    package["citizen_data"] = citizen_data({"CLEAN_TEAM_STUDY", "Clean Team Ghana evaluation (Tidwell et al.)",
                                            "ACADEMIA", "PUBLIC_LED", "2", "3", "2019-06-01", "2019-12-31"});
    // A survey: init wrote a tabulation to start from, whose cells rest on 3 records at least.
    EXPECT_TRUE(resource.contains("tabulation"));
    package["citizen_data"]["disclosure_threshold"] = 3;
    save(package);
    auto report = check();
    // The export's real problems: a column name used twice (init names the second by
    // its position, so the raw file is read as it is), identifiers Excel turned into numbers.
    EXPECT_EQ(field_index(resource, "odour_control_agents_ash__2"), 116u);  // column 117
    bool said = false;
    for (const auto& d : init_notes_.items()) {
        said = said || d.message.find("\"odour_control_agents_ash\" appears more than once; column 117 is named "
                                      "\"odour_control_agents_ash__2\"") != std::string::npos;
    }
    EXPECT_TRUE(said) << listing(init_notes_, Severity::note);
    EXPECT_TRUE(of_kind(report.diagnostics, "header").empty()) << listing(report.diagnostics);
    std::set<std::string> mangled;
    for (const auto* d : of_kind(report.diagnostics, "excel-number"))
        mangled.insert(d->message.substr(8, d->message.find('"', 8) - 8));
    EXPECT_TRUE(mangled.count("deviceid")) << listing(report.diagnostics);
    EXPECT_TRUE(mangled.count("simserial")) << listing(report.diagnostics);
    // The shifted rows: five listed where they are, the other seven counted.
    std::size_t date_errors = 0;
    for (const auto* d : of_kind(report.diagnostics, "type")) {
        if (d->message.find("column \"date\"") != std::string::npos) ++date_errors;
        if (d->message.find("\"date\": 7 more problem(s)") != std::string::npos) date_errors += 100;
    }
    EXPECT_EQ(date_errors, 106u) << listing(report.diagnostics);
    EXPECT_EQ(report.resources.at(0).statistics.rows_delivered, 584u);  // 596 non-empty records, 12 shifted
    EXPECT_EQ(report.resources.at(0).statistics.empty_rows, 7u);        // 603 records, 7 of empty cells only

    // The select_multiple split agrees with the export's own 0/1 columns.
    std::vector<package::Field> fields;
    auto answers = rows(0, &fields);
    std::size_t sales_agent = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == "ctg_information_source/SALES_AGENT") sales_agent = i;
    }
    ASSERT_NE(sales_agent, 0u);
    const auto kobo_column = field_index(resource, "ctg_information_salesagent");
    std::size_t compared = 0;
    for (const auto& answer : answers) {
        const auto& ours = answer.cells[sales_agent];
        const auto& theirs = answer.cells[kobo_column];
        if (ours.missing || theirs.missing) continue;
        EXPECT_EQ(ours.value, theirs.value) << "line " << answer.line;
        ++compared;
    }
    EXPECT_GT(compared, 500u);
    EXPECT_EQ(answers[0].cells[field_index(resource, "date")].value, "2019-06-13");  // raw: 13.06.2019
}

TEST_F(RealDataset, Covid19KeralaPackageAsPublished) {
    const auto source = shared_ / "cgd/covid19kerala_datapackage";
    std::filesystem::create_directories(scratch_ / "package");
    for (const char* file : {"age.csv", "district_data.csv", "hotspots.csv", "patient_data.csv", "sum_by_day.csv"}) {
        std::filesystem::copy_file(source / file, scratch_ / "package" / file);
    }
    json package = json::parse(read_file(source / "datapackage.json"));
    package["citizen_data"] = json::parse(read_file(source_directory() / "tests/fixtures/citizen_data/codd_k.json"));
    descriptor_ = scratch_ / "package" / "datapackage.json";
    save(package);
    auto report = check();
    ASSERT_EQ(report.resources.size(), 5u);
    std::map<std::string, std::uint64_t> read;
    for (const auto& r : report.resources) read[r.name] = r.statistics.rows_read;
    EXPECT_EQ(read,
              (std::map<std::string, std::uint64_t>{
                  {"patient_data", 7438}, {"district_data", 16}, {"hotspots", 617}, {"sum_by_day", 164}, {"age", 11}}));
    // The release's known problems, each where it is.
    auto total = of_kind(report.diagnostics, "total-row");
    ASSERT_EQ(total.size(), 1u);
    EXPECT_NE(total[0]->file.find("district_data.csv"), std::string::npos);
    EXPECT_EQ(total[0]->line, 2u);
    bool float_in_integer = false, unpadded_date = false;
    for (const auto* d : of_kind(report.diagnostics, "type")) {
        float_in_integer =
            float_in_integer || (d->line == 58 && d->column == 16 && d->message.find("\"5.0\"") != std::string::npos);
        unpadded_date = unpadded_date || d->message.find("found \"2020-6-29\"") != std::string::npos;
    }
    EXPECT_TRUE(float_in_integer) << listing(report.diagnostics);
    EXPECT_TRUE(unpadded_date) << listing(report.diagnostics);
    EXPECT_EQ(of_kind(report.diagnostics, "schema").size(), 5u);  // "datatype" for "type", once a resource

    // With the Total row left out by policy and the roles a data officer would declare,
    // the district table converts: 15 rows (14 districts and "Unspecified") x cases,
    // recovered, deaths, less the one empty deaths cell.
    package["citizen_sdmx"] = {{"bad_rows", "skip"}};
    for (auto& resource : package["resources"]) {
        if (resource["name"] != "district_data") continue;
        resource["schema"]["primaryKey"] = {"district"};
        field(resource, "deaths")["datatype"] = "number";
        for (const char* name : {"district_malayalam", "zone", "zone_updated_on"}) {
            field(resource, name)["sdmx"] = {{"role", "attribute"}};
        }
    }
    save(package);
    auto districts = convert_and_validate("district_data");
    EXPECT_EQ(districts.outcome.statistics.observations, 15u * 3 - 1);
    // One dataflow per resource: the resource's name joins the package's dataflow id.
    EXPECT_FALSE(
        output_ending(districts, "DF_OPEN_DATASET_OF_COVID_19_OUTBREAK_IN_KERALA_DISTRICT_DATA-structure.xml").empty())
        << districts.outcome.outputs.front();

    // init on the same CSVs infers what the published schema got wrong.
    ScratchDirectory fresh;
    std::vector<std::filesystem::path> copies;
    for (const char* file : {"sum_by_day.csv", "hotspots.csv"}) {
        std::filesystem::copy_file(source / file, fresh / file);
        copies.push_back(fresh / file);
    }
    Diagnostics notes;
    auto inferred = package::infer_package(copies, fresh / "datapackage.json", notes);
    EXPECT_EQ(field(inferred["resources"][0], "recovered")["type"], "number");  // holds 5.0, 8.0 ...
    EXPECT_EQ(field(inferred["resources"][0], "date")["type"], "date");
    EXPECT_EQ(field(inferred["resources"][1], "last_updated_on")["type"], "string");  // "2020-6-29" is not ISO
}

TEST_F(RealDataset, FixMyStreetCountsWithThePeriodInTheFileName) {
    json package = init("fixmystreet_reports_lad", {"LAD_all_SHEF_C_2019.csv", "LAD_all_SHEF_C_2020-1.csv"});
    for (auto& resource : package["resources"]) {
        resource["schema"]["primaryKey"] = {"lad", "SHEF_C_CODE"};
        field(resource, "lad")["sdmx"] = {{"concept", "REF_AREA"}};
    }
    // Two periods, two packages' worth of coverage: convert each with its own period.
    package["citizen_data"] = citizen_data(
        {"MYSOCIETY", "mySociety (FixMyStreet)", "CSO", "CITIZEN_LED", "3", "5", "2019-01-01", "2019-12-31"});
    save(package);
    auto report = check();
    EXPECT_FALSE(report.diagnostics.has_errors()) << listing(report.diagnostics);
    EXPECT_EQ(report.resources.at(0).statistics.rows_delivered, 2570u);
    EXPECT_EQ(report.resources.at(1).statistics.rows_delivered, 1714u);
    expect_converts_and_validates(package["resources"][0]["name"], 2570u * 3);

    // "2020-1" is January 2020: a one-month reference period gives TIME_PERIOD 2020-01 (FREQ M).
    package["citizen_data"]["coverage"]["period"] = {{"start", "2020-01-01"}, {"end", "2020-01-31"}};
    save(package);
    mapping::PrepareOptions options;
    options.resource = package["resources"][1]["name"];
    auto conversion = convert(descriptor_, scratch_ / "out-2020-1", options);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    std::string data = read_file(output_ending(conversion, "-data-structurespecific.xml"));
    EXPECT_NE(data.find("TIME_PERIOD=\"2020-01\""), std::string::npos);
    EXPECT_NE(data.find("FREQ=\"M\""), std::string::npos);
}

TEST_F(RealDataset, GlobalOpenDataIndexEntries) {
    json package = init("global_open_data_index", {"entries.csv", "places.csv"});
    json& entries = package["resources"][0];
    auto markers = entries["schema"]["missingValues"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(markers.begin(), markers.end(), "None"), markers.end());
    // One row per place, dataset and year: a table, though its many text columns made init
    // propose a tabulation; the officer says so by declaring the key and removing it.
    entries.erase("tabulation");
    entries["schema"]["primaryKey"] = {"place", "dataset", "year"};
    field(entries, "year")["sdmx"] = {{"role", "time"}};
    for (const char* free_text :
         {"url",        "format",    "licenseurl",     "dateavailable",   "officialtitle", "publisher",   "timestamp",
          "submitters", "reviewers", "reviewcomments", "details",         "isopen",        "exists",      "digital",
          "public",     "online",    "free",           "machinereadable", "bulk",          "openlicense", "uptodate"}) {
        field(entries, free_text)["sdmx"] = {{"role", "ignore"}};
    }
    package["citizen_data"] = citizen_data({"OKFN", "Open Knowledge Foundation (Global Open Data Index)", "CSO",
                                            "CITIZEN_LED", "4", "5", "2013-01-01", "2015-12-31"});
    save(package);
    // places.csv is a lookup table, not data to convert: check what convert will convert.
    mapping::CheckOptions entries_only;
    entries_only.prepare.resource = "entries";
    auto report = mapping::check_package(descriptor_, entries_only);
    // place x dataset x year is not unique: 41 entries of 2013 appear twice (with the
    // same rank and score, as Python's csv module also shows). check converts as convert
    // does: each identical observation twice is left out with a warning, not refused.
    auto repeated = of_kind(report.diagnostics, "duplicate");
    EXPECT_EQ(repeated.size(), 2 * 41u) << listing(report.diagnostics);  // rank and score
    for (const auto* d : repeated) {
        EXPECT_EQ(d->severity, Severity::warning) << d->message;
        EXPECT_NE(d->message.find("TIME_PERIOD=2013)"), std::string::npos) << d->message;
    }
    EXPECT_EQ(report.diagnostics.error_count(), 0u) << listing(report.diagnostics);
    EXPECT_EQ(report.resources.at(0).statistics.rows_delivered, 3153u);  // SOURCES.md; CRLF and multi-line cells
    auto all = rows(0);
    EXPECT_EQ(all[0].cells[field_index(entries, "place")].value, "no");
    EXPECT_EQ(all[0].cells[field_index(entries, "score")].value, "100");
    std::size_t multi_line = 0;
    for (const auto& row : all) {
        const auto& comment = row.cells[field_index(entries, "reviewcomments")];
        multi_line += (!comment.missing && comment.value.find('\n') != std::string::npos) ? 1 : 0;
    }
    EXPECT_GT(multi_line, 100u);
    // place x dataset x year -> rank and score, for every entry whose rank and score are given.
    std::uint64_t values = 0;
    for (const auto& row : all) {
        values += row.cells[field_index(entries, "rank")].missing ? 0 : 1;
        values += row.cells[field_index(entries, "score")].missing ? 0 : 1;
    }
    // Each repeated entry gives two identical observations: one is kept, the other
    // left out with a warning.
    expect_converts_and_validates("entries", values - 2 * 41);
}

TEST_F(RealDataset, CholeraFormatSpecimenWithTwoHeaderRows) {
    json package = init("format_specimen_cholera_malawi_bom", {"cholera_epi_weekly_district.csv"});
    json& resource = package["resources"][0];
    EXPECT_EQ(resource["dialect"]["headerRows"], json({1, 2}));
    EXPECT_EQ(resource["schema"]["fields"][3]["name"], "Balaka Cases");
    EXPECT_EQ(field(resource, "Week")["format"], "%d-%b-%y");
    resource["schema"]["primaryKey"] = {"Epi week"};
    // Official data, not citizen data: low participation, and the status says so.
    package["citizen_data"] = citizen_data(
        {"MW_MOH", "Ministry of Health (presumed)", "OTHER", "PUBLIC_LED", "1", "1", "2022-02-28", "2023-10-01"});
    save(package);
    auto report = check();
    // 184 records under the header: 87 weeks, 96 rows of empty cells, and a stray row
    // of zeros without an epi week (line 186), which the primary key reports.
    const auto& statistics = report.resources.at(0).statistics;
    EXPECT_EQ(statistics.rows_read, 184u);
    EXPECT_EQ(statistics.empty_rows, 96u);
    EXPECT_EQ(statistics.rows_delivered, 87u);
    auto required = of_kind(report.diagnostics, "required");
    ASSERT_EQ(required.size(), 1u) << listing(report.diagnostics);
    EXPECT_EQ(required[0]->line, 186u);
    auto weeks = rows(0);
    EXPECT_EQ(weeks[0].cells[field_index(resource, "Week")].value, "2022-02-28");  // raw: 28-Feb-22
}

}  // namespace csdmx::test
