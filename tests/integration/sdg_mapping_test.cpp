// Citizen data written for the NSO's own DSD (the global SDG DSD) through a
// mapping file: real data through a shipped mapping, and every rule of the DSD
// enforced, each by a test that breaks it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/validation/message_validator.h"
#include "tests/integration/format_checks.h"
#include "tests/integration/real_dataset_fixture.h"
#include "tests/integration/sqlite_oracle.h"
#include "tests/package_fixture.h"

namespace csdmx::test {

namespace {

std::filesystem::path sdg_dsd(const std::filesystem::path& shared) {
    return shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml";
}

const sdmx::StructureSet& sdg_structures(const std::filesystem::path& shared) {
    static const sdmx::StructureSet structures = sdmx::ml21::read_structure_file(sdg_dsd(shared));
    return structures;
}

// Xerces-C against the DSD-specific schema made from the SDG DSD, and xmllint.
void expect_valid_against_sdg(const Conversion& conversion, const std::filesystem::path& shared) {
    sdmx::ValidateOptions options;
    options.schemas = shared / "sdmx/schemas";
    options.structure_files = {sdg_dsd(shared)};
    std::vector<std::filesystem::path> xml;
    for (const auto& output : conversion.outcome.outputs) {
        if (output.extension() == ".xml") xml.push_back(output);
    }
    ASSERT_FALSE(xml.empty());
    for (const auto& report : sdmx::validate_messages(xml, options)) {
        std::string problems;
        for (const auto& d : report.diagnostics.items()) problems += format_diagnostic(d) + "\n";
        EXPECT_TRUE(report.valid) << report.file << "\n" << problems;
    }
    for (const auto& file : xml) EXPECT_EQ(xmllint_problems(file, shared, sdg_structures(shared)), "") << file;
    // rsdmx reads both SDMX-ML 2.1 data messages: the same observations and values as ours.
    const auto& structures = sdg_structures(shared);
    const auto reference_file = output_ending(conversion, "-data-structurespecific.xml");
    if (reference_file.empty()) return;  // a conversion that wrote other formats only
    const auto reference = observations_by_key(reference_file, structures);
    const auto* dsd = structures.find_data_structure({"IAEG-SDGs", "SDG", "1.5"});
    ASSERT_NE(dsd, nullptr);
    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml"}) {
        const auto file = output_ending(conversion, suffix);
        if (!file.empty()) EXPECT_EQ(rsdmx_disagreements(file, *dsd, reference), "") << suffix;
    }
}

}  // namespace

// SDG 14.1.1b from the Great British Beach Clean (Marine Conservation Society
// volunteers), as ONS publishes it in Open SDG's layout, through the shipped mapping.
TEST_F(RealDataset, BeachLitterOntoTheGlobalSdgDsdWithTheShippedMapping) {
    save(beach_litter_package());

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/14.1.1b-beach-litter.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, every_format());
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid_against_sdg(conversion, shared_);
    EXPECT_EQ(sdmx_json_problems(output_ending(conversion, "-data-sdmx-json-2.0.json"), shared_), "");

    // Expected: the national totals (no country, no source) of the CSV, read here.
    std::map<std::string, std::string> expected;  // year -> value
    std::ifstream csv(shared_ / "sdg/open-sdg/ons_data_indicator_14-1-1.csv");
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) {
        std::vector<std::string> cells;
        std::stringstream fields(line);
        std::string cell;
        while (std::getline(fields, cell, ',')) cells.push_back(cell);
        if (line.back() == ',') cells.emplace_back();
        if (cells.size() == 7 && cells[1].empty() && cells[2].empty()) expected[cells[0]] = cells[6];
    }
    ASSERT_EQ(expected.size(), 14u);
    EXPECT_EQ(conversion.outcome.statistics.observations, 14u);

    const auto& structures = sdg_structures(shared_);
    const auto data = output_ending(conversion, "-data-structurespecific.xml");
    auto cells = observations_by_key(data, structures);
    ASSERT_EQ(cells.size(), expected.size());
    for (const auto& [year, value] : expected) {
        const std::string key =
            "FREQ=A|REPORTING_TYPE=N|SERIES=EN_MAR_BEALIT|REF_AREA=826|SEX=_T|AGE=_T|URBANISATION=_T|"
            "INCOME_WEALTH_QUANTILE=_T|EDUCATION_LEV=_T|OCCUPATION=_T|CUST_BREAKDOWN=_T|COMPOSITE_BREAKDOWN=_T|"
            "DISABILITY_STATUS=_T|ACTIVITY=_T|PRODUCT=_T|TIME_PERIOD=" +
            year;
        auto found = cells.find(key);
        ASSERT_NE(found, cells.end()) << key;
        EXPECT_DOUBLE_EQ(std::stod(found->second.value), std::stod(value)) << year;
        EXPECT_EQ(found->second.attributes["OBS_STATUS"], year == "2020" ? "B" : "A") << year;
        EXPECT_EQ(found->second.attributes["UNIT_MEASURE"], "NUMBER");
        EXPECT_EQ(found->second.attributes["UNIT_MULT"], "0");
        EXPECT_EQ(found->second.attributes["NATURE"], "C");
        EXPECT_EQ(found->second.attributes["SOURCE_DETAIL"], "Marine Conservation Society, Great British Beach Clean");
    }

    // Shaped as the real SDG data messages: the same header, and on Series and Obs
    // the components a national SDG message (Tajikistan's, on SDG 1.4) carries.
    const auto ours = sdmx::ml21::read_data_message_header(data);
    const auto theirs =
        sdmx::ml21::read_data_message_header(shared_ / "sdg/data/tajstat_SDG-1.4_structure-specific.xml");
    EXPECT_EQ(ours.dimension_at_observation, theirs.dimension_at_observation);
    // Bound to the mapping's global SDG dataflow (registries load data against a
    // dataflow); the schema namespace names the DSD, as theirs does.
    EXPECT_TRUE(ours.by_dataflow);
    EXPECT_EQ(ours.structure, (sdmx::MaintainableRef{"IAEG-SDGs", "DF_SDG_GLH", "1.5"}));
    EXPECT_NE(theirs.ss_namespace.find("DataStructure=IAEG-SDGs:SDG(1.4):"), std::string::npos);
    EXPECT_NE(ours.ss_namespace.find("DataStructure=IAEG-SDGs:SDG(1.5):"), std::string::npos);
    EXPECT_EQ(ours.kind, theirs.kind);
    const std::string text = read_file(data);
    const std::string tajstat = read_file(shared_ / "sdg/data/tajstat_SDG-1.4_structure-specific.xml");
    for (const char* component : {"<Series FREQ=\"A\" REPORTING_TYPE=\"N\" SERIES=", " UNIT_MEASURE=\"",
                                  "<Obs TIME_PERIOD=\"", " OBS_STATUS=\"", " UNIT_MULT=\"", " NATURE=\"C\""}) {
        EXPECT_NE(text.find(component), std::string::npos) << component;
        EXPECT_NE(tajstat.find(component), std::string::npos) << component;
    }
    // The DSD has no room for participation: annotations on the data set and each series.
    sdmx::ml21::DataMessageReader reader(data, structures.find_data_structure({"IAEG-SDGs", "SDG", "1.5"}));
    sdmx::ReadObservation first;
    ASSERT_TRUE(reader.next(first));
    std::set<std::string> types;
    for (const auto& annotation : reader.dataset().annotations) types.insert(annotation.type);
    EXPECT_TRUE(types.count("CITIZEN_DATA_STATUS")) << text.substr(0, 3000);
    EXPECT_TRUE(types.count("CONVERSION_MAPPING"));
    const auto series_at = text.find("<Series ");
    EXPECT_NE(text.find("<common:Annotations>", series_at), std::string::npos);
}

}  // namespace csdmx::test

namespace csdmx::test {

// Every rule of the DSD, broken on purpose. The bundled disability survey (Malawi,
// 2024, by district, sex and disability status) is mapped onto the SDG DSD.
class DsdRules : public ::testing::Test {
protected:
    void SetUp() override {
        auto shared = shared_directory();
        if (!shared) GTEST_SKIP() << "../shared is absent; set CITIZEN_SDMX_SHARED";
        shared_ = *shared;
    }

    // The valid mapping, with `changes` appended to its components (YAML lines).
    static std::string mapping_text(
        const std::string& components_extra = "",
        const std::string& rows =
            "rows:\n  where:\n    district: [Lilongwe]\n    disability_status: [with disability]\n",
        const std::string& freq = "A") {
        return "citizen_sdmx_mapping: \"1.0\"\n"
               "target: {dsd: \"IAEG-SDGs:SDG(1.5)\"}\n" +
               rows +
               "components:\n"
               "  FREQ: {constant: " +
               freq +
               "}\n"
               "  REPORTING_TYPE: {constant: N}\n"
               "  SERIES: {constant: SH_H2O_SAFE}\n"
               "  REF_AREA: {constant: \"454\"}\n"
               "  SEX: {column: sex, codes: {female: F, male: M}}\n"
               "  TIME_PERIOD: {derived: coverage_period}\n"
               "  OBS_VALUE: {column: share_reporting_barrier}\n"
               "  UNIT_MULT: {constant: \"0\"}\n"
               "  OBS_STATUS: {constant: A}\n" +
               (components_extra.find("UNIT_MEASURE") == std::string::npos ? "  UNIT_MEASURE: {constant: PT}\n" : "") +
               components_extra;
    }

    Conversion run(const std::string& mapping, const std::string* csv = nullptr,
                   mapping::OnError on_error = mapping::OnError::reject) {
        const auto descriptor = write_package(scratch_ / "package", sample_descriptor("disability-access-survey"),
                                              "disability-access-survey", csv);
        write_file(scratch_ / "mapping.yaml", mapping);
        mapping::PrepareOptions options;
        options.dsd_files = {shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml"};
        options.mapping_file = scratch_ / "mapping.yaml";
        mapping::ConvertOptions convert_options;
        convert_options.on_error = on_error;
        return convert(descriptor, scratch_ / "out", options, convert_options);
    }

    static bool says(const Conversion& conversion, const std::string& text) {
        return conversion.listing().find(text) != std::string::npos;
    }

    void expect_nothing_written() const {
        EXPECT_TRUE(!std::filesystem::exists(scratch_ / "out") || list_directory(scratch_ / "out").empty());
    }

    std::filesystem::path shared_;
    ScratchDirectory scratch_;
};

TEST_F(DsdRules, AValidMappingConvertsAndValidates) {
    auto conversion = run(mapping_text());
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    EXPECT_EQ(conversion.outcome.statistics.observations, 2u);  // female, male
    expect_valid_against_sdg(conversion, shared_);
}

TEST_F(DsdRules, ACodeOutsideItsCodelistNamesRowColumnComponentAndAllowedCodes) {
    auto conversion = run(mapping_text("  AGE: {column: district}\n"));
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "health-access-barriers-2024.csv:2:1: error: component AGE (column \"district\"): "
                     "code \"Lilongwe\" is not in IAEG-SDGs:CL_AGE(1.1) (allowed: _T, M0, "))
        << conversion.listing();
    expect_nothing_written();
}

TEST_F(DsdRules, AMandatoryAttributeMustBeMapped) {
    std::string text = mapping_text("  UNIT_MEASURE: {column: unit}\n");
    text.replace(text.find("  UNIT_MEASURE: {column: unit}\n"), 31, "");
    auto conversion = run(text);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "mandatory attribute UNIT_MEASURE of IAEG-SDGs:SDG(1.5) is not mapped"))
        << conversion.listing();
}

TEST_F(DsdRules, AMandatoryAttributeMustHaveAValueInEveryRow) {
    const std::string csv =
        "district,sex,disability_status,respondents,reported_barrier,share_reporting_barrier\n"
        "Lilongwe,female,with disability,53,27,50.9\n"
        "Lilongwe,male,with disability,,20,50.0\n";
    // OBS_STATUS (mandatory) from a column that is empty in the second row.
    std::string text = mapping_text();
    text.replace(text.find("  OBS_STATUS: {constant: A}\n"), 28,
                 "  OBS_STATUS: {column: respondents, codes: {\"53\": A}}\n");
    auto conversion = run(text, &csv);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "health-access-barriers-2024.csv:3:31: error: component OBS_STATUS (column "
                     "\"respondents\"): the value is missing and the attribute is mandatory"))
        << conversion.listing();
    expect_nothing_written();
}

TEST_F(DsdRules, TimePeriodMustAgreeWithFreq) {
    auto conversion = run(
        mapping_text("", "rows:\n  where:\n    district: [Lilongwe]\n    disability_status: [with disability]\n", "Q"));
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "component TIME_PERIOD: 2024 is a period of frequency A (Annual) but FREQ is Q"))
        << conversion.listing();
    expect_nothing_written();
}

TEST_F(DsdRules, TheMeasureMustBeANumber) {
    std::string text = mapping_text();
    text.replace(text.find("{column: share_reporting_barrier}"), 33, "{column: district}");
    auto conversion = run(text);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(
        says(conversion, "component OBS_VALUE (column \"district\"): expected a number (Double), found \"Lilongwe\""))
        << conversion.listing();
}

TEST_F(DsdRules, DuplicateKeysAreRefused) {
    // Without rows.where, the districts and disability statuses the DSD has no room for collapse.
    auto conversion = run(mapping_text("", ""));
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "duplicate observation: the row on line 2")) << conversion.listing();
    expect_nothing_written();
}

TEST_F(DsdRules, SkipLeavesOutBrokenRowsAndListsThemInAReport) {
    std::string text = mapping_text();
    text.replace(text.find("{female: F, male: M}"), 20, "{female: F}");
    auto conversion = run(text, nullptr, mapping::OnError::skip);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    EXPECT_EQ(conversion.outcome.statistics.observations, 1u);
    const auto report = output_ending(conversion, "-skipped-rows.csv");
    ASSERT_FALSE(report.empty());
    const std::string listed = read_file(report);
    EXPECT_NE(listed.find("file,line,column,component,problem"), std::string::npos);
    EXPECT_NE(listed.find(",SEX,\"component SEX (column \"\"sex\"\"): code \"\"male\"\" is not in IAEG-SDGs:CL_SEX"),
              std::string::npos)
        << listed;
    EXPECT_TRUE(says(conversion, "1 row(s) broke rules of IAEG-SDGs:SDG(1.5) and were skipped"))
        << conversion.listing();
}

TEST_F(DsdRules, MappingProblemsAreAllListedBeforeAnyRowIsRead) {
    auto conversion =
        run(mapping_text("  COLOUR: {constant: red}\n  AGE: {column: age_group}\n"
                         "  URBANISATION: {constant: XX}\n"));
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "components.COLOUR: the DSD IAEG-SDGs:SDG(1.5) has no component COLOUR"))
        << conversion.listing();
    EXPECT_TRUE(says(conversion, "components.AGE.column: the table has no column \"age_group\"; it has district, sex"))
        << conversion.listing();
    EXPECT_TRUE(
        says(conversion, "components.URBANISATION: URBANISATION: code \"XX\" is not in IAEG-SDGs:CL_URBANISATION"))
        << conversion.listing();
}

TEST_F(DsdRules, TheMappingFileIsCheckedAgainstItsSchemaAndForYamlSyntax) {
    auto both = run(mapping_text("  AGE: {column: sex, constant: _T}\n"));
    EXPECT_FALSE(both.ok);
    EXPECT_TRUE(says(both, "components.AGE")) << both.listing();

    auto broken = run("citizen_sdmx_mapping: \"1.0\"\ntarget: {dsd: [\n");
    EXPECT_FALSE(broken.ok);
    EXPECT_TRUE(says(broken, "mapping.yaml:3:")) << broken.listing();
    EXPECT_TRUE(says(broken, "not valid YAML")) << broken.listing();
}

TEST_F(DsdRules, AHostileStructureFileIsRefusedWithoutExpandingAnything) {
    const auto hostile = scratch_ / "hostile.xml";
    write_file(hostile,
               "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM \"http://127.0.0.1:9/secret\">"
               "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
               "<mes:Structure xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">&x;&b;"
               "</mes:Structure>\n");
    const auto descriptor =
        write_package(scratch_ / "package", sample_descriptor("disability-access-survey"), "disability-access-survey");
    write_file(scratch_ / "mapping.yaml", mapping_text());
    mapping::PrepareOptions options;
    options.dsd_files = {hostile};
    options.mapping_file = scratch_ / "mapping.yaml";
    auto conversion = convert(descriptor, scratch_ / "out", options);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "DOCTYPE")) << conversion.listing();
    expect_nothing_written();
}

}  // namespace csdmx::test

namespace csdmx::test {

namespace {

// One SDG observation of a converted package: its value and attributes.
ReadCell only_observation(const Conversion& conversion, const std::filesystem::path& shared) {
    auto cells = observations_by_key(output_ending(conversion, "-data-structurespecific.xml"), sdg_structures(shared));
    EXPECT_EQ(cells.size(), 1u);
    return cells.empty() ? ReadCell{} : cells.begin()->second;
}

}  // namespace

// SDG 11.6.2 from Sensor.Community archives: readings tabulated into the annual
// mean PM2.5 by the shipped mapping, checked against sqlite3 on the same rows.
TEST_F(RealDataset, AnnualMeanPm25FromCitizenSensorsWithTheShippedMapping) {
    json package = sds011_package();
    package["citizen_data"]["coverage"]["area_code"] = "826";
    save(package);

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/11.6.2-pm25-sensor-community.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, every_format());
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid_against_sdg(conversion, shared_);
    ASSERT_TRUE(conversion.outcome.tabulation);
    EXPECT_EQ(conversion.outcome.tabulation->records, 578u + 579u + 569u + 578u);

    std::string script = sds011_sqlite_table();
    script += "SELECT printf('%.17g', avg(NULLIF(P2, ''))) FROM r;\n";
    const auto expected = sqlite_rows(script);
    ASSERT_EQ(expected.size(), 1u);

    const auto cell = only_observation(conversion, shared_);
    EXPECT_NEAR(std::stod(cell.value), std::stod(expected[0][0]), 0.005);  // the mapping rounds to 2 decimals
    EXPECT_EQ(cell.attributes.at("UNIT_MEASURE"), "GPERM3");
    EXPECT_EQ(cell.attributes.at("OBS_STATUS"), "A");
    EXPECT_NE(cell.attributes.at("COMMENT_OBS").find("not population-weighted"), std::string::npos);
}

// SDG 6.1.1 (proxy) from the Nchalo Water Project's mWater household survey.
TEST_F(RealDataset, ImprovedDrinkingWaterFromAHouseholdSurveyWithTheShippedMapping) {
    json package = init("nchalo_household_water_survey", {"Nchalo household survey 2021.csv"});
    package["citizen_data"] = citizen_data(
        {"NCHALO_WATER", "Nchalo Water Project", "CSO", "CO_PRODUCED", "4", "4", "2021-04-01", "2021-04-30"});
    package["citizen_data"]["coverage"]["area_code"] = "454";
    save(package);

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/6.1.1-household-drinking-water.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, every_format());
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_valid_against_sdg(conversion, shared_);

    // Independently: the share of the 74 households whose source is one of the improved ones.
    std::vector<package::Field> fields;
    const auto households = rows(0, &fields);
    std::size_t column = 0;
    while (fields[column].name != "main_drinking_water_source") ++column;
    std::size_t improved = 0;
    for (const auto& household : households) {
        const auto& value = household.cells[column].value;
        for (const char* source : {"Borehole", "Communal tap (reticulated from borehole)", "Piped water", "Public tap",
                                   "Protected well", "Protected spring", "Rainwater"}) {
            if (value == source) ++improved;
        }
    }
    ASSERT_EQ(households.size(), 74u);
    EXPECT_EQ(improved, 36u + 7u);  // boreholes and communal taps fed by boreholes
    char expected[32];
    std::snprintf(expected, sizeof expected, "%.1f", 100.0 * static_cast<double>(improved) / 74.0);
    const auto cell = only_observation(conversion, shared_);
    EXPECT_EQ(cell.value, expected);
    EXPECT_EQ(cell.attributes.at("UNIT_MEASURE"), "PT");
    EXPECT_EQ(cell.attributes.at("SOURCE_DETAIL"), "Nchalo Water Project");
}

}  // namespace csdmx::test

namespace csdmx::test {

// Open SDG's own mapping files, as ONS keeps them for its SDMX output, name the
// component of the "Observation status" column and the codes of its texts.
TEST_F(RealDataset, OpenSdgColumnAndCodeMapsAreAccepted) {
    save(beach_litter_package());
    for (const char* name : {"ons_column_mapping.csv", "ons_code_mapping.csv"}) {
        std::filesystem::copy_file(shared_ / "sdg/open-sdg" / name, scratch_ / name);
    }
    // OBS_STATUS is not in the components: the column map names it, the code map
    // gives "Normal value" -> A. It lacks "Time series break" (2020): refused first,
    // accepted once the code map has it. ONS's SERIES entries of later SDG versions
    // are not in SDG 1.5 and are not held against the mapping: no row uses them.
    write_file(scratch_ / "mapping.yaml",
               "citizen_sdmx_mapping: \"1.0\"\n"
               "target: {dsd: \"IAEG-SDGs:SDG(1.5)\"}\n"
               "open_sdg: {column_map: ons_column_mapping.csv, code_map: ons_code_mapping.csv}\n"
               "rows:\n  where:\n    Country: [\"\"]\n    Suspected source: [\"\"]\n"
               "components:\n"
               "  FREQ: {constant: A}\n  REPORTING_TYPE: {constant: N}\n  SERIES: {constant: EN_MAR_BEALIT}\n"
               "  REF_AREA: {derived: coverage_area_code}\n  TIME_PERIOD: {column: Year}\n"
               "  OBS_VALUE: {column: Value}\n  UNIT_MEASURE: {constant: NUMBER}\n"
               "  UNIT_MULT: {column: Units, codes: {Median count: \"0\"}}\n");
    std::string text = read_file(scratch_ / "mapping.yaml");

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = scratch_ / "mapping.yaml";
    auto without_break = convert(descriptor_, scratch_ / "out1", options);
    // 2020 is a "Time series break", which ONS's code map does not have.
    EXPECT_FALSE(without_break.ok);
    EXPECT_NE(without_break.listing().find("component OBS_STATUS (column \"Observation status\"): code \"Time series "
                                           "break\" is not in SDMX:CL_OBS_STATUS"),
              std::string::npos)
        << without_break.listing();

    text.replace(text.find("code_map: ons_code_mapping.csv"), 30, "code_map: merged-codes.csv");
    write_file(scratch_ / "mapping.yaml", text);
    write_file(scratch_ / "merged-codes.csv",
               read_file(scratch_ / "ons_code_mapping.csv") + "Time series break,OBS_STATUS,B\n");
    auto conversion = convert(descriptor_, scratch_ / "out2", options);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    auto cells = observations_by_key(output_ending(conversion, "-data-structurespecific.xml"), sdg_structures(shared_));
    ASSERT_EQ(cells.size(), 14u);
    std::map<std::string, int> statuses;
    for (const auto& [key, cell] : cells) ++statuses[cell.attributes.at("OBS_STATUS")];
    EXPECT_EQ(statuses, (std::map<std::string, int>{{"A", 13}, {"B", 1}}));
    expect_valid_against_sdg(conversion, shared_);
}

}  // namespace csdmx::test

namespace csdmx::test {

// A content constraint attached to the DSD narrows its codelists: a code of
// CL_SEX that the constraint leaves out is refused, naming the constraint.
TEST_F(DsdRules, CodesMustLieInsideTheContentConstraints) {
    const auto constraint = scratch_ / "constraint.xml";
    write_file(
        constraint,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<mes:Structure xmlns:mes=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
        "xmlns:str=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure\" "
        "xmlns:com=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n"
        "<mes:Header><mes:ID>C</mes:ID><mes:Test>false</mes:Test><mes:Prepared>2026-11-22T00:00:00Z</mes:Prepared>"
        "<mes:Sender id=\"NSO_MW\"/></mes:Header>\n<mes:Structures><str:Constraints>\n"
        "<str:ContentConstraint id=\"CC_SDG_MW\" agencyID=\"NSO_MW\" version=\"1.0\" type=\"Allowed\">"
        "<com:Name xml:lang=\"en\">What Malawi reports</com:Name>"
        "<str:ConstraintAttachment><str:DataStructure><Ref agencyID=\"IAEG-SDGs\" id=\"SDG\" version=\"1.5\"/>"
        "</str:DataStructure></str:ConstraintAttachment>"
        "<str:CubeRegion include=\"true\"><com:KeyValue id=\"SEX\"><com:Value>F</com:Value>"
        "<com:Value>_T</com:Value></com:KeyValue></str:CubeRegion>"
        "<str:CubeRegion include=\"false\"><com:KeyValue id=\"REF_AREA\"><com:Value>4%</com:Value>"
        "</com:KeyValue></str:CubeRegion>"
        "</str:ContentConstraint>\n</str:Constraints></mes:Structures></mes:Structure>\n");
    const auto descriptor =
        write_package(scratch_ / "package", sample_descriptor("disability-access-survey"), "disability-access-survey");
    write_file(scratch_ / "mapping.yaml", mapping_text());
    mapping::PrepareOptions options;
    options.dsd_files = {shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml", constraint};
    options.mapping_file = scratch_ / "mapping.yaml";
    auto conversion = convert(descriptor, scratch_ / "out", options);
    EXPECT_FALSE(conversion.ok);
    // REF_AREA 454 (a constant) is excluded by the wildcard 4%; SEX M is outside {F, _T}.
    EXPECT_TRUE(says(conversion,
                     "components.REF_AREA: REF_AREA: code \"454\" is excluded by the content constraint "
                     "NSO_MW:CC_SDG_MW(1.0)"))
        << conversion.listing();

    // The mapping's own codes are checked before any row: M is outside {F, _T}.
    EXPECT_TRUE(says(conversion,
                     "components.SEX.codes: SEX: code \"M\" is outside the content constraint "
                     "NSO_MW:CC_SDG_MW(1.0) (allowed: F, _T)"))
        << conversion.listing();

    // Codes found by name (female -> F, male -> M) are checked row by row.
    std::string text = mapping_text();
    text.replace(text.find("{constant: \"454\"}"), 17, "{constant: \"MW\"}");
    text.replace(text.find("{column: sex, codes: {female: F, male: M}}"), 42, "{column: sex, match_names: true}");
    write_file(scratch_ / "mapping.yaml", text);
    conversion = convert(descriptor, scratch_ / "out", options);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     ":4:10: error: component SEX (column \"sex\"): code \"M\" is outside the content "
                     "constraint NSO_MW:CC_SDG_MW(1.0) (allowed: F, _T)"))
        << conversion.listing();
    expect_nothing_written();
}

}  // namespace csdmx::test

namespace csdmx::test {

// A national extension of the SDG DSD, as Ghana's is: the global components plus
// coded citizen data attributes; its structure message stands on its own.
TEST_F(RealDataset, BeachLitterIntoANationalExtensionOfTheSdgDsd) {
    save(beach_litter_package());
    write_file(scratch_ / "extension.yaml",
               read_file(source_directory() / "mappings/sdg/14.1.1b-beach-litter.yaml") +
                   "extension: {dsd: \"NSO_UK:SDG_CITIZEN(1.0)\", name: \"SDG with citizen data attributes\"}\n");

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = scratch_ / "extension.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, every_format());
    // Every format valid (against the extension's own DSD-specific schema), each
    // agreeing with SDMX-ML 2.1, with no structure file but the one written.
    expect_formats_agree(conversion, shared_);

    const auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    const auto* extension = structures.find_data_structure({"NSO_UK", "SDG_CITIZEN", "1.0"});
    ASSERT_NE(extension, nullptr);
    const auto* global = sdg_structures(shared_).find_data_structure({"IAEG-SDGs", "SDG", "1.5"});
    EXPECT_EQ(extension->key_ids(), global->key_ids());
    for (const auto& attribute : global->attributes) EXPECT_NE(extension->find_attribute(attribute.id), nullptr);
    for (const char* added : {"CITIZEN_DATA_STATUS", "INITIATIVE_TYPE", "PARTICIPATION_DESIGN", "PARTICIPATION_COLLECT",
                              "NSO_VALIDATION"}) {
        const auto* attribute = extension->find_attribute(added);
        ASSERT_NE(attribute, nullptr) << added;
        EXPECT_EQ(attribute->relationship.level, sdmx::AttachmentLevel::DataSet);
        EXPECT_NE(structures.codelist_of(attribute->concept_identity, attribute->local_representation), nullptr);
    }
    EXPECT_NE(structures.find_codelist({"IAEG-SDGs", "CL_SERIES", "1.5"}), nullptr);

    sdmx::ml21::DataMessageReader reader(output_ending(conversion, "-data-structurespecific.xml"), extension);
    sdmx::ReadObservation first;
    ASSERT_TRUE(reader.next(first));
    std::map<std::string, std::string> attributes(reader.dataset().attributes.begin(),
                                                  reader.dataset().attributes.end());
    EXPECT_EQ(attributes["PARTICIPATION_DESIGN"], "4");
    EXPECT_EQ(attributes["PARTICIPATION_COLLECT"], "5");
    EXPECT_EQ(attributes["INITIATIVE_TYPE"], "CITIZEN_LED");
    EXPECT_EQ(attributes["CITIZEN_DATA_STATUS"], "QUALIFIES");
}

}  // namespace csdmx::test
