// Citizen data written for the NSO's own DSD (the global SDG DSD) through a
// mapping file: real data through a shipped mapping, and every rule of the DSD
// enforced, each by a test that breaks it.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "copenhagen/citizen_statement.h"
#include "mappings/dsd_mapping.h"
#include "package/citizen_metadata.h"
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

// The Great British Beach Clean covers the UK's coast (national) for indicator 14.1.1b.
json national_beach_litter(json package) {
    package["citizen_data"]["coverage"]["extent"] = "national";
    package["citizen_data"]["target_indicators"] = {"14.1.1b"};
    return package;
}

// The statement the conversion is expected to carry, made by the statement module
// from the package as written.
std::string statement_of(const std::filesystem::path& descriptor, const std::string& proxy_reason = {}) {
    Diagnostics ignored;
    const auto package = package::read_data_package(descriptor, ignored);
    const auto metadata = package::read_citizen_metadata(package, ignored);
    const auto codelists = mapping::load_citizen_codelists(std::nullopt);
    return mapping::citizen_statement(metadata, codelists, {metadata.coverage.area_code, proxy_reason});
}

// Every format, and Open SDG's input files beside them.
mapping::ConvertOptions formats_and_open_sdg() {
    auto options = every_format();
    options.open_sdg = true;
    return options;
}

// Open SDG's files for `indicator` ("14.1.1"), read by programs we did not write:
// sqlite3 imports the data CSV (columns by name from its header), yaml-cpp parses
// the metadata file's front matter. The CSV must be sdg-build's input layout
// (Year first, Value last; docs: open-sdg data-format) with the citizen columns,
// and hold the values and attributes of the SDMX message; the front matter must
// carry the source fields and the statement (issue 14, point 3).
void expect_open_sdg_files(const Conversion& conversion, const std::string& indicator,
                           const std::filesystem::path& shared, const std::string& producer) {
    std::string id = indicator;
    std::replace(id.begin(), id.end(), '.', '-');
    // The files land with the messages, in <base>-open-sdg/data and meta.
    const auto written = [&](const std::string& tail) {
        for (const auto& path : conversion.outcome.outputs) {
            const auto text = path.generic_string();
            if (text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0)
                return path;
        }
        return std::filesystem::path();
    };
    const auto csv = written("-open-sdg/data/indicator_" + id + ".csv");
    const auto meta = written("-open-sdg/meta/" + id + ".md");
    ASSERT_FALSE(csv.empty()) << conversion.listing();
    ASSERT_FALSE(meta.empty()) << conversion.listing();

    const auto columns = sqlite_rows(".mode csv\n.import " + shell_quote(csv.string()) +
                                     " t\n.mode list\nSELECT name FROM "
                                     "pragma_table_info('t') ORDER BY cid;\n");
    std::vector<std::string> names;
    for (const auto& row : columns) names.push_back(row.at(0));
    ASSERT_GE(names.size(), 3u);
    EXPECT_EQ(names.front(), "Year");
    EXPECT_EQ(names.back(), "Value");
    for (const char* column :
         {"SERIES", "UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS", "NATURE", "SOURCE_DETAIL", "COMMENT_TS"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), column), names.end()) << column;
    }
    EXPECT_EQ(std::find(names.begin(), names.end(), "REF_AREA"), names.end()) << "a national site has one area";

    // With the shipped data config, sdg-build's headline is every row of these
    // series (a headline row has every disaggregation column empty, and no column of
    // ours is a disaggregation). With the site config, Open SDG's page (open-sdg's
    // utils.js nonFieldColumns and dataHelpers.js inputData) gives no drop-down to the
    // data_fields unit and series columns, the time-series and observation attributes
    // and the ignored columns, and removes the ignored ones from its data: the unit,
    // the statement and the observation attributes must be shown, not ignored.
    const YAML::Node data_config =
        YAML::LoadFile((source_directory() / "mappings/sdg/open-sdg-data-config.yml").string());
    const YAML::Node site_config =
        YAML::LoadFile((source_directory() / "mappings/sdg/open-sdg-site-config.yml").string());
    const auto listed = [](const YAML::Node& list, const std::string& name) {
        for (const auto& item : list) {
            if (item.as<std::string>() == name) return true;
        }
        return false;
    };
    const auto listed_field = [](const YAML::Node& list, const std::string& name) {
        for (const auto& item : list) {
            if (item["field"].as<std::string>() == name) return true;
        }
        return false;
    };
    const auto data_field = [&](const char* key) {
        const YAML::Node fields = site_config["data_fields"];
        return fields.IsDefined() && fields.IsMap() && fields[key].IsScalar() ? fields[key].as<std::string>()
                                                                              : std::string();
    };
    EXPECT_EQ(data_field("units"), "UNIT_MEASURE");
    EXPECT_EQ(data_field("series"), "SERIES");
    EXPECT_TRUE(listed_field(site_config["time_series_attributes"], "COMMENT_TS"));
    const auto& ignored = site_config["ignored_disaggregations"];
    for (const auto& name : names) {
        EXPECT_TRUE(listed(data_config["indicator_options"]["non_disaggregation_columns"], name)) << name;
        if (name == "Year" || name == "Value") continue;
        const bool shown = name == "UNIT_MEASURE" || name == "SERIES" ||
                           listed_field(site_config["time_series_attributes"], name) ||
                           listed_field(site_config["observation_attributes"], name);
        EXPECT_TRUE(shown || listed(ignored, name)) << name << " would get a drop-down";
        EXPECT_FALSE(shown && listed(ignored, name)) << name << " would vanish from the page";
    }
    for (const char* attribute : {"OBS_STATUS", "NATURE", "SOURCE_DETAIL", "COMMENT_OBS", "TIME_DETAIL"}) {
        EXPECT_TRUE(listed(data_config["indicator_options"]["observation_attributes"], attribute)) << attribute;
    }

    // The SDMX observations, by year (these series have no disaggregation).
    std::map<std::string, ReadCell> sdmx_by_year;
    for (const auto& [key, cell] :
         observations_by_key(output_ending(conversion, "-data-structurespecific.xml"), sdg_structures(shared))) {
        sdmx_by_year[key.substr(key.rfind("TIME_PERIOD=") + 12)] = cell;
    }
    const auto rows = sqlite_rows(".mode csv\n.import " + shell_quote(csv.string()) +
                                  " t\n.mode list\n.separator \"\\t\"\nSELECT Year, Value, OBS_STATUS, NATURE, "
                                  "UNIT_MEASURE, SOURCE_DETAIL, COMMENT_TS FROM t ORDER BY Year;\n");
    ASSERT_EQ(rows.size(), sdmx_by_year.size());
    for (const auto& line : rows) {
        std::vector<std::string> cells;
        std::stringstream fields(line.at(0));
        for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
        cells.resize(7);
        const auto found = sdmx_by_year.find(cells[0]);
        ASSERT_NE(found, sdmx_by_year.end()) << cells[0];
        const auto& cell = found->second;
        EXPECT_DOUBLE_EQ(std::stod(cells[1]), std::stod(cell.value)) << cells[0];
        EXPECT_EQ(cells[2], cell.attributes.at("OBS_STATUS"));
        EXPECT_EQ(cells[3], cell.attributes.at("NATURE"));
        EXPECT_EQ(cells[4], cell.attributes.at("UNIT_MEASURE"));
        EXPECT_EQ(cells[5], cell.attributes.at("SOURCE_DETAIL"));
        EXPECT_EQ(cells[6], cell.attributes.at("COMMENT_TS"));
    }

    const std::string text = read_file(meta);
    ASSERT_EQ(text.rfind("---\n", 0), 0u) << text;
    const auto end = text.find("\n---\n", 4);
    ASSERT_NE(end, std::string::npos) << text;
    const YAML::Node front = YAML::Load(text.substr(4, end - 4));
    EXPECT_EQ(front["indicator_number"].as<std::string>(), indicator);
    EXPECT_TRUE(front["source_active_1"].as<bool>());
    EXPECT_EQ(front["source_organisation_1"].as<std::string>(), producer);
    // A link only when the package names a page: never an empty one.
    EXPECT_TRUE(!front["source_url_1"].IsDefined() || !front["source_url_1"].as<std::string>().empty());
    // The unit in the SDG codelist's words, which Open SDG shows as "Unit of measurement".
    const auto structures = sdg_structures(shared);
    const sdmx::Codelist* units = structures.find_codelist("CL_UNIT_MEASURE");
    ASSERT_NE(units, nullptr);
    const sdmx::Code* unit = units->find(sdmx_by_year.begin()->second.attributes.at("UNIT_MEASURE"));
    ASSERT_NE(unit, nullptr);
    EXPECT_EQ(front["computation_units"].as<std::string>(""), unit->name.text());
    EXPECT_EQ(front["source_statistical_classification_1"].as<std::string>(), "Non-official");
    EXPECT_EQ(front["source_other_info_1"].as<std::string>(), sdmx_by_year.begin()->second.attributes.at("COMMENT_TS"));
    EXPECT_NE(front["data_footnote"].as<std::string>().find("Citizen data by " + producer), std::string::npos);
    EXPECT_NE(front["data_notice_text"].as<std::string>().find("NSO validation: Validation pending"),
              std::string::npos);
    EXPECT_EQ(front["data_notice_heading"].as<std::string>(), "Citizen data, not validated for official use");
    EXPECT_EQ(front["COMPILING_ORG"].as<std::string>(), producer);
    EXPECT_EQ(front["SOURCE_TYPE"].as<std::string>().rfind("Citizen-generated data: ", 0), 0u);
    EXPECT_FALSE(front["COLL_METHOD"].as<std::string>().empty());
    EXPECT_EQ(front["DATA_VALIDATION"].as<std::string>().rfind("Validation pending, decided by ", 0), 0u);
    EXPECT_NE(front["REC_USE_LIM"].as<std::string>().find("Not validated for official use"), std::string::npos);
}

// The proxy reason a shipped mapping declares.
std::string proxy_reason_of(const std::filesystem::path& mapping_file) {
    Diagnostics ignored;
    const auto mapping = mapping::read_dsd_mapping(mapping_file, ignored);
    return mapping ? mapping->national_proxy_reason : std::string();
}

}  // namespace

// SDG 14.1.1b from the Great British Beach Clean (Marine Conservation Society
// volunteers), as ONS publishes it in Open SDG's layout, through the shipped mapping.
TEST_F(RealDataset, BeachLitterOntoTheGlobalSdgDsdWithTheShippedMapping) {
    save(national_beach_litter(beach_litter_package()));

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/14.1.1b-beach-litter.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, formats_and_open_sdg());
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
        // The NSO's decision is PENDING: V (unvalidated) for a normal value, _X for NATURE
        // (CL_OBS_STATUS and CL_NATURE of the SDG DSD 1.5).
        EXPECT_EQ(found->second.attributes["OBS_STATUS"], year == "2020" ? "B" : "V") << year;
        EXPECT_EQ(found->second.attributes["UNIT_MEASURE"], "NUMBER");
        EXPECT_EQ(found->second.attributes["UNIT_MULT"], "0");
        EXPECT_EQ(found->second.attributes["NATURE"], "_X");
        EXPECT_EQ(found->second.attributes["COMMENT_TS"], statement_of(descriptor_));
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
    // DataSetAction and DataSetID, as the real SDG message has them (Information, SDG).
    EXPECT_EQ(theirs.data_set_action, "Information");
    EXPECT_EQ(ours.data_set_action, theirs.data_set_action);
    EXPECT_EQ(ours.data_set_ids, theirs.data_set_ids);
    const std::string text = read_file(data);
    const std::string tajstat = read_file(shared_ / "sdg/data/tajstat_SDG-1.4_structure-specific.xml");
    for (const char* component : {"<Series FREQ=\"A\" REPORTING_TYPE=\"N\" SERIES=", " UNIT_MEASURE=\"",
                                  "<Obs TIME_PERIOD=\"", " OBS_STATUS=\"", " UNIT_MULT=\"", " NATURE=\""}) {
        EXPECT_NE(text.find(component), std::string::npos) << component;
        EXPECT_NE(tajstat.find(component), std::string::npos) << component;
    }
    // The DSD has no room for participation: annotations on the data set, none
    // repeated on the series (they all share it).
    sdmx::ml21::DataMessageReader reader(data, structures.find_data_structure({"IAEG-SDGs", "SDG", "1.5"}));
    sdmx::ReadObservation first;
    ASSERT_TRUE(reader.next(first));
    std::set<std::string> types;
    for (const auto& annotation : reader.dataset().annotations) types.insert(annotation.type);
    EXPECT_TRUE(types.count("CITIZEN_DATA_STATUS")) << text.substr(0, 3000);
    const auto* statement_annotation = sdmx::find_annotation(reader.dataset().annotations, "CITIZEN_DATA_STATEMENT");
    ASSERT_NE(statement_annotation, nullptr);
    EXPECT_EQ(statement_annotation->text.text(), statement_of(descriptor_));
    EXPECT_TRUE(types.count("CONVERSION_MAPPING"));
    const auto series_at = text.find("<Series ");
    ASSERT_NE(series_at, std::string::npos);
    EXPECT_EQ(text.find("<common:Annotations>", series_at), std::string::npos);
    // The statement: the codelist file's names for type, initiative and levels.
    const auto statement = statement_of(descriptor_);
    for (const char* part : {"Citizen data: sufficient participation in a qualifying stage.",
                             "Produced by Marine Conservation Society, Great British Beach Clean (Civil society "
                             "organisation); initiative: Citizen-led.",
                             "Design: Collaboration (4); Collect: Citizen-led (5); Process: Not assessed (_U)",
                             "Period: 2008-01-01 to 2021-12-31.", "NSO validation: Validation pending"}) {
        EXPECT_NE(statement.find(part), std::string::npos) << part << "\n" << statement;
    }
    expect_open_sdg_files(conversion, "14.1.1", shared_, "Marine Conservation Society, Great British Beach Clean");
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
               "target: {dsd: \"IAEG-SDGs:SDG(1.5)\"}\n"
               "coverage: {national_proxy: {reason: \"the NSO shows this district survey beside its own\"}}\n" +
               rows +
               "components:\n"
               "  FREQ: {constant: " +
               freq +
               "}\n"
               "  REPORTING_TYPE: {constant: N}\n"
               "  SERIES: {constant: SH_ACS_UNHC}\n"
               "  REF_AREA: {constant: \"454\"}\n"
               "  COMMENT_TS: {derived: citizen_statement_short}\n"
               "  TIME_DETAIL: {derived: coverage_period_interval}\n"
               "  SEX: {column: sex, codes: {female: F, male: M}}\n"
               "  TIME_PERIOD: {derived: coverage_period}\n"
               "  OBS_VALUE: {column: share_reporting_barrier}\n"
               "  UNIT_MULT: {constant: \"0\"}\n"
               "  OBS_STATUS: {constant: A}\n" +
               (components_extra.find("UNIT_MEASURE") == std::string::npos ? "  UNIT_MEASURE: {constant: PT}\n" : "") +
               components_extra;
    }

    Conversion run(const std::string& mapping, const std::string* csv = nullptr,
                   mapping::OnError on_error = mapping::OnError::reject,
                   const nlohmann::json& descriptor_json = sample_descriptor("disability-access-survey")) {
        const auto descriptor = write_package(scratch_ / "package", descriptor_json, "disability-access-survey", csv);
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

// The library refuses a DSD without a mapping as the command line does, so that the C
// interface and the bindings do not convert onto a generated DSD while a target was named.
TEST_F(DsdRules, ADsdWithoutAMappingIsRefusedByTheLibrary) {
    const auto descriptor = write_package(scratch_ / "package", sample_descriptor("disability-access-survey"),
                                          "disability-access-survey", nullptr);
    mapping::PrepareOptions options;
    options.dsd_files = {shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml"};
    const auto conversion = convert(descriptor, scratch_ / "out", options, mapping::ConvertOptions{});
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "a target DSD was given, but only a mapping says how the table becomes its data"))
        << conversion.listing();
    expect_nothing_written();
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
    package["citizen_data"]["coverage"]["area"] = "Aberdeen (four sensors)";
    package["citizen_data"]["coverage"]["extent"] = "local";
    package["citizen_data"]["target_indicators"] = {"11.6.2"};
    save(package);

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/11.6.2-pm25-sensor-community.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, formats_and_open_sdg());
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
    EXPECT_EQ(cell.attributes.at("OBS_STATUS"), "V");
    EXPECT_EQ(cell.attributes.at("NATURE"), "_X");
    EXPECT_NE(cell.attributes.at("COMMENT_OBS").find("not population-weighted"), std::string::npos);
    // One day of readings: the annual value says what it covers, and that it is a proxy.
    EXPECT_EQ(cell.attributes.at("TIME_DETAIL"), "2018-10-15/2018-10-15");
    const auto reason = proxy_reason_of(*options.mapping_file);
    ASSERT_FALSE(reason.empty());
    EXPECT_EQ(cell.attributes.at("COMMENT_TS"), statement_of(descriptor_, reason));
    EXPECT_NE(cell.attributes.at("COMMENT_TS").find("Published for 826 as a proxy"), std::string::npos);
    expect_open_sdg_files(conversion, "11.6.2", shared_, "Aberdeen Air Quality (Code The City, 57North)");
}

// SDG 6.1.1 (proxy) from the Nchalo Water Project's mWater household survey.
TEST_F(RealDataset, ImprovedDrinkingWaterFromAHouseholdSurveyWithTheShippedMapping) {
    json package = init("nchalo_household_water_survey", {"Nchalo household survey 2021.csv"});
    package["citizen_data"] = citizen_data(
        {"NCHALO_WATER", "Nchalo Water Project", "CSO", "CO_PRODUCED", "4", "4", "2021-04-01", "2021-04-30"});
    package["citizen_data"]["coverage"]["area_code"] = "454";
    package["citizen_data"]["coverage"]["area"] = "13 communities of the Nchalo estate";
    package["citizen_data"]["coverage"]["extent"] = "local";
    save(package);

    mapping::PrepareOptions options;
    options.dsd_files = {sdg_dsd(shared_)};
    options.mapping_file = source_directory() / "mappings/sdg/6.1.1-household-drinking-water.yaml";
    auto conversion = convert(descriptor_, scratch_ / "out", options, formats_and_open_sdg());
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
    EXPECT_EQ(cell.attributes.at("OBS_STATUS"), "V");
    EXPECT_EQ(cell.attributes.at("TIME_DETAIL"), "2021-04-01/2021-04-30");
    EXPECT_EQ(cell.attributes.at("COMMENT_TS"), statement_of(descriptor_, proxy_reason_of(*options.mapping_file)));
    expect_open_sdg_files(conversion, "6.1.1", shared_, "Nchalo Water Project");
}

}  // namespace csdmx::test

namespace csdmx::test {

// Open SDG's own mapping files, as ONS keeps them for its SDMX output, name the
// component of the "Observation status" column and the codes of its texts.
TEST_F(RealDataset, OpenSdgColumnAndCodeMapsAreAccepted) {
    // ONS's code map says "Normal value" is A: right once the NSO has validated.
    auto package = national_beach_litter(beach_litter_package());
    package["citizen_data"]["validation"]["result"] = "VALIDATED";
    package["citizen_data"]["validation"]["criteria"] = "test fixture: as if the NSO had validated it";
    save(package);
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
    save(national_beach_litter(beach_litter_package()));
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

namespace csdmx::test {

// Honest coverage (docs/mapping.md): each rule broken on purpose. The disability
// survey covers Lilongwe district from February to June 2024 (151 days), for
// indicators 3.8.1 and 10.2.1, validated with caveats.

namespace {

std::string without(std::string text, const std::string& line) {
    const auto at = text.find(line);
    if (at != std::string::npos) text.erase(at, line.size());
    return text;
}

}  // namespace

TEST_F(DsdRules, ANationalRefAreaFromALocalSampleIsRefusedUnlessDeclaredAProxy) {
    const auto no_proxy =
        without(mapping_text(),
                "coverage: {national_proxy: {reason: \"the NSO shows this district survey beside its own\"}}\n");
    auto conversion = run(no_proxy);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "components.REF_AREA: REF_AREA publishes the values as those of a whole country, but the "
                     "package covers Six districts of Malawi"))
        << conversion.listing();
    EXPECT_TRUE(says(conversion, "does not say that this is national (citizen_data.coverage.extent)"))
        << conversion.listing();
    expect_nothing_written();

    // The package saying "local" is refused the same way, naming the extent.
    auto local = sample_descriptor("disability-access-survey");
    local["citizen_data"]["coverage"]["extent"] = "local";
    conversion = run(no_proxy, nullptr, mapping::OnError::reject, local);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "(citizen_data.coverage.extent: local)")) << conversion.listing();

    // A national package needs no proxy.
    auto national = sample_descriptor("disability-access-survey");
    national["citizen_data"]["coverage"]["extent"] = "national";
    conversion = run(no_proxy, nullptr, mapping::OnError::reject, national);
    EXPECT_TRUE(conversion.ok) << conversion.listing();

    // Sub-national REF_AREA codes (a national DSD's districts) claim no country. The
    // SDG DSD has none, so its 454 stands in for one here.
    conversion = run("coverage: {ref_area: subnational}\n" + no_proxy, nullptr, mapping::OnError::reject, local);
    EXPECT_TRUE(conversion.ok) << conversion.listing();

    // A proxy must say so where people read it: COMMENT_TS with the statement.
    conversion = run(without(mapping_text(), "  COMMENT_TS: {derived: citizen_statement_short}\n"));
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "coverage.national_proxy: a national proxy must say so on the series: map "
                     "COMMENT_TS: {derived: citizen_statement}"))
        << conversion.listing();
}

TEST_F(DsdRules, TheProxyAndItsReasonAreInCommentTs) {
    auto conversion = run(mapping_text());
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    auto cells =
        observations_by_key(output_ending(conversion, "-data-structurespecific.xml"),
                            sdmx::ml21::read_structure_file(shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml"));
    ASSERT_EQ(cells.size(), 2u);
    for (const auto& [key, cell] : cells) {
        const auto& comment = cell.attributes.at("COMMENT_TS");
        EXPECT_NE(comment.find("Published for 454 as a proxy from a sample that does not cover it: the NSO shows "
                               "this district survey beside its own."),
                  std::string::npos)
            << comment;
        EXPECT_EQ(comment.find("Citizen data by "), 0u) << comment;
        EXPECT_EQ(cell.attributes.at("TIME_DETAIL"), "2024-02-01/2024-06-30");
    }
}

TEST_F(DsdRules, AnAnnualValueFromPartOfTheYearMustSayWhatItCovers) {
    auto conversion = run(without(mapping_text(), "  TIME_DETAIL: {derived: coverage_period_interval}\n"));
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "component TIME_PERIOD: the annual value for 2024 rests on data covering 151 day(s) of 2024 "
                     "(citizen_data.coverage.period 2024-02-01 to 2024-06-30): map TIME_DETAIL"))
        << conversion.listing();
    expect_nothing_written();

    // Seven months (214 days) are most of the year.
    auto longer = sample_descriptor("disability-access-survey");
    longer["citizen_data"]["coverage"]["period"]["start"] = "2024-01-01";
    longer["citizen_data"]["coverage"]["period"]["end"] = "2024-07-31";
    conversion = run(without(mapping_text(), "  TIME_DETAIL: {derived: coverage_period_interval}\n"), nullptr,
                     mapping::OnError::reject, longer);
    EXPECT_TRUE(conversion.ok) << conversion.listing();
}

TEST_F(DsdRules, ObsStatusAndNatureFollowTheNsoDecision) {
    auto pending = sample_descriptor("disability-access-survey");
    pending["citizen_data"]["validation"]["result"] = "PENDING";
    // OBS_STATUS A (constant) and NATURE C claim what the NSO has not decided.
    auto conversion = run(mapping_text("  NATURE: {constant: C}\n"), nullptr, mapping::OnError::reject, pending);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "components.OBS_STATUS: OBS_STATUS: A (Normal value) claims a validated value but the NSO's "
                     "decision is PENDING (Validation pending, citizen_data.validation.result): use V (Unvalidated "
                     "value)"))
        << conversion.listing();
    EXPECT_TRUE(says(conversion,
                     "components.NATURE: NATURE: C (Country Data) presents the value as the country's own "
                     "statistics but the NSO's decision is PENDING"))
        << conversion.listing();

    // The same A in a mapping's codes is refused before any row is read ...
    std::string text = mapping_text();
    text.replace(text.find("  OBS_STATUS: {constant: A}\n"), 28,
                 "  OBS_STATUS: {column: respondents, codes: {\"53\": A}}\n");
    conversion = run(text, nullptr, mapping::OnError::reject, pending);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "components.OBS_STATUS.codes: OBS_STATUS: A (Normal value) claims a validated value"))
        << conversion.listing();
    // ... and an A read from a cell at its row and column.
    const std::string csv =
        "district,sex,disability_status,respondents,reported_barrier,share_reporting_barrier\n"
        "A,female,with disability,53,27,50.9\n";
    text = mapping_text("", "rows:\n  where:\n    district: [A]\n");
    text.replace(text.find("  OBS_STATUS: {constant: A}\n"), 28, "  OBS_STATUS: {column: district}\n");
    conversion = run(text, &csv, mapping::OnError::reject, pending);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "health-access-barriers-2024.csv:2:1: error: component OBS_STATUS (column "
                     "\"district\"): A (Normal value) claims a validated value"))
        << conversion.listing();

    // The derived codes follow the decision: V and _X while pending; the warning
    // says the decision travels as an annotation, not as an attribute NSO_VALIDATION.
    text = mapping_text("  NATURE: {derived: nso_nature}\n");
    text.replace(text.find("  OBS_STATUS: {constant: A}\n"), 28, "  OBS_STATUS: {derived: nso_obs_status}\n");
    conversion = run(text, nullptr, mapping::OnError::reject, pending);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    EXPECT_TRUE(says(conversion, "annotation CITIZEN_DATA_NSO_VALIDATION")) << conversion.listing();
    EXPECT_FALSE(says(conversion, "attribute NSO_VALIDATION")) << conversion.listing();
    auto cells =
        observations_by_key(output_ending(conversion, "-data-structurespecific.xml"),
                            sdmx::ml21::read_structure_file(shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml"));
    ASSERT_FALSE(cells.empty());
    for (const auto& [key, cell] : cells) {
        EXPECT_EQ(cell.attributes.at("OBS_STATUS"), "V");
        EXPECT_EQ(cell.attributes.at("NATURE"), "_X");
    }
    // Once validated (with caveats), the same mapping writes A and C.
    conversion = run(text);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    cells = observations_by_key(output_ending(conversion, "-data-structurespecific.xml"),
                                sdmx::ml21::read_structure_file(shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml"));
    ASSERT_FALSE(cells.empty());
    EXPECT_EQ(cells.begin()->second.attributes.at("OBS_STATUS"), "A");
    EXPECT_EQ(cells.begin()->second.attributes.at("NATURE"), "C");
}

TEST_F(DsdRules, TheSeriesMustBeOfAnIndicatorThePackageTargets) {
    std::string text = mapping_text();
    text.replace(text.find("{constant: SH_ACS_UNHC}"), 23, "{constant: SH_H2O_SAFE}");
    auto conversion = run(text);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion,
                     "components.SERIES: SERIES: series SH_H2O_SAFE is of indicator 6.1.1 but "
                     "citizen_data.target_indicators names 3.8.1, 10.2.1"))
        << conversion.listing();
    expect_nothing_written();
}

}  // namespace csdmx::test

namespace csdmx::test {

TEST_F(DsdRules, OpenSdgOutputNeedsAMappingOntoAnSdgDsd) {
    const auto descriptor =
        write_package(scratch_ / "package", sample_descriptor("disability-access-survey"), "disability-access-survey");
    mapping::ConvertOptions options;
    options.open_sdg = true;
    auto conversion = convert(descriptor, scratch_ / "out", {}, options);
    EXPECT_FALSE(conversion.ok);
    EXPECT_TRUE(says(conversion, "Open SDG output needs a mapping onto an SDG DSD (--dsd and --mapping)"))
        << conversion.listing();
    expect_nothing_written();
}

}  // namespace csdmx::test

namespace csdmx::test {

// The command line and the C API: `convert --open-sdg` (option OPEN_SDG=1) writes
// Open SDG's files beside the messages and lists them.
TEST_F(DsdRules, TheCommandLineWritesOpenSdgFiles) {
    const auto descriptor =
        write_package(scratch_ / "package", sample_descriptor("disability-access-survey"), "disability-access-survey");
    write_file(scratch_ / "mapping.yaml", mapping_text());
    const std::string tool = shell_quote((build_directory() / "citizen-sdmx").string());
    auto result = run_command(tool + " convert " + shell_quote(descriptor.string()) + " --dsd " +
                              shell_quote((shared_ / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml").string()) +
                              " --mapping " + shell_quote((scratch_ / "mapping.yaml").string()) +
                              " --open-sdg --quiet --out " + shell_quote((scratch_ / "out").string()));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const auto folder = scratch_ / "out" / "HEALTH_ACCESS_BARRIERS-SDG-open-sdg";
    EXPECT_NE(result.output.find((folder / "data/indicator_3-8-1.csv").string()), std::string::npos) << result.output;
    EXPECT_NE(result.output.find((folder / "meta/3-8-1.md").string()), std::string::npos) << result.output;
    const std::string csv = read_file(folder / "data/indicator_3-8-1.csv");
    EXPECT_EQ(csv.rfind("Year,SERIES,SEX,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,TIME_DETAIL,COMMENT_TS,Value\n", 0), 0u)
        << csv;
    // Validated with caveats: the source is official statistics.
    const std::string meta = read_file(folder / "meta/3-8-1.md");
    const YAML::Node front = YAML::Load(meta.substr(4, meta.find("\n---\n", 4) - 4));
    EXPECT_EQ(front["source_statistical_classification_1"].as<std::string>(), "Official statistics");
    EXPECT_EQ(front["data_notice_heading"].as<std::string>(), "Citizen data");
}

}  // namespace csdmx::test
