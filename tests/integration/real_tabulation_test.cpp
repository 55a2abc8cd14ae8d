// Records from ../shared/cgd tabulated into statistics, each value checked against
// sqlite3 computing the same statistic from the same raw files.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "tests/integration/real_dataset_fixture.h"
#include "tests/integration/sqlite_oracle.h"

namespace csdmx::test {

namespace {

double as_number(const std::string& text) {
    return std::strtod(text.c_str(), nullptr);
}

// The code a dimension's codelist gives to a value of the source column (its name).
std::string code_named(const sdmx::StructureSet& structures, const std::string& dimension_id, const std::string& name) {
    for (const auto& dimension : structures.data_structures.at(0).dimensions) {
        if (dimension.id != dimension_id) continue;
        const auto* codelist = structures.codelist_of(dimension.concept_identity, dimension.local_representation);
        if (codelist == nullptr) break;
        for (const auto& code : codelist->items) {
            if (code.name.text() == name) return code.id;
        }
    }
    ADD_FAILURE() << "no code named \"" << name << "\" for " << dimension_id;
    return {};
}

const sdmx::Annotation* disclosure_annotation(const std::filesystem::path& data, const sdmx::StructureSet& structures) {
    static sdmx::Annotations annotations;
    sdmx::ml21::DataMessageReader reader(data, &structures.data_structures.at(0));
    sdmx::ml21::ReadObservation first;
    if (!reader.next(first)) return nullptr;
    annotations = reader.dataset().annotations;
    return sdmx::find_annotation(annotations, "DISCLOSURE_CONTROL");
}

}  // namespace

// SDG 11.6.2's shape: daily and annual mean PM2.5 and PM10 per sensor location,
// from the four SDS011 archive files read as one resource in parts.
TEST_F(RealDataset, SensorCommunityAberdeenMeansPerLocation) {
    json package = sds011_package();
    json& resource = package["resources"][0];
    // The volunteers' homes: init marks the columns personal by their names.
    EXPECT_EQ(field(resource, "lat")["personal"], "coordinates");
    EXPECT_EQ(field(resource, "lon")["personal"], "coordinates");
    resource["tabulation"] = json::parse(R"({
        "group_by": [{"column": "location", "concept": "LOCATION", "name": "Sensor location"}],
        "period": {"column": "timestamp", "frequency": ["D", "A"]},
        "min_cell_size": 10,
        "statistics": [
            {"id": "PM25_MEAN", "name": "Mean PM2.5 concentration", "function": "mean", "column": "P2",
             "unit": {"code": "MICROG_M3", "name": "Micrograms per cubic metre"}},
            {"id": "PM10_MEAN", "name": "Mean PM10 concentration", "function": "mean", "column": "P1",
             "unit": {"code": "MICROG_M3", "name": "Micrograms per cubic metre"}}]})");
    save(package);
    auto conversion = convert_and_validate("sds011-readings");
    ASSERT_TRUE(conversion.ok);
    EXPECT_EQ(conversion.outcome.tabulation->records, 578u + 579u + 569u + 578u);  // SOURCES.md, file by file

    std::string script = sds011_sqlite_table();
    script +=
        "SELECT 'D', location, substr(timestamp, 1, 10), count(*), printf('%.17g', avg(NULLIF(P2, ''))),"
        " printf('%.17g', avg(NULLIF(P1, ''))) FROM r GROUP BY 2, 3\n"
        "UNION ALL SELECT 'A', location, substr(timestamp, 1, 4), count(*), printf('%.17g', avg(NULLIF(P2, ''))),"
        " printf('%.17g', avg(NULLIF(P1, ''))) FROM r GROUP BY 2, 3;\n";
    const auto expected = sqlite_rows(script);
    ASSERT_EQ(expected.size(), 8u);  // four locations, one day, one year

    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml"}) {
        auto cells = observations_by_key(output_ending(conversion, suffix), structures);
        EXPECT_EQ(cells.size(), 2 * expected.size()) << suffix;
        for (const auto& row : expected) {
            const std::string rest = "|LOCATION=" + row[1] + "|TIME_PERIOD=" + row[2];
            for (const auto& [indicator, column] : {std::pair{"PM25_MEAN", 4}, std::pair{"PM10_MEAN", 5}}) {
                const std::string key = "FREQ=" + row[0] + "|INDICATOR=" + indicator + rest;
                ASSERT_TRUE(cells.count(key)) << suffix << " " << key;
                const auto& cell = cells.at(key);
                const double oracle = as_number(row[static_cast<std::size_t>(column)]);
                EXPECT_NEAR(as_number(cell.value), oracle, 1e-12 * oracle) << key;
                EXPECT_EQ(cell.attributes.at("N_RECORDS"), row[3]) << key;
                EXPECT_EQ(cell.attributes.at("UNIT_MEASURE"), "MICROG_M3") << key;
                EXPECT_EQ(cell.attributes.at("CONF_STATUS"), "F") << key;
            }
        }
    }
    for (const auto& output : conversion.outcome.outputs) {
        EXPECT_EQ(read_file(output).find("57.138"), std::string::npos) << "a sensor's latitude in " << output;
    }
}

// An SDG 6.1.1 proxy: the percentage of water points found functional, by country
// and water source type, per year of visit, with totals and disclosure control.
TEST_F(RealDataset, RuralWaterpointFunctionalityByCountryAndSourceType) {
    json package = init("rural_waterpoint_functionality", {"rwpfunctionality.csv"});
    json& resource = package["resources"][0];
    // Countries as the SDG database codes them (UN M49).
    const std::map<std::string, std::string> m49 = {{"Ethiopia", "231"}, {"India", "356"},      {"Malawi", "454"},
                                                    {"Mali", "466"},     {"Mozambique", "508"}, {"Nepal", "524"},
                                                    {"Niger", "562"},    {"Rwanda", "646"},     {"Uganda", "800"}};
    json tabulation = json::parse(R"({
        "group_by": [{"column": "country", "concept": "REF_AREA", "name": "Country", "totals": true},
                     {"column": "wptype", "concept": "WATER_SOURCE", "name": "Water source type", "totals": true}],
        "period": {"column": "subdate_wp", "frequency": "A"},
        "min_cell_size": 5,
        "statistics": [
            {"id": "WATER_POINTS", "name": "Water points visited", "function": "count"},
            {"id": "FUNCTIONAL_PCT", "name": "Water points functional", "function": "percentage",
             "where": {"column": "functional3", "equals": "Functional"}, "unit": {"code": "PT", "name": "Percent"}}]})");
    tabulation["group_by"][0]["codes"] = m49;
    resource["tabulation"] = tabulation;
    package["citizen_data"] = citizen_data({"CHARITY_WATER_PARTNERS", "charity: water implementing partners", "CSO",
                                            "CO_PRODUCED", "3", "5", "2017-05-01", "2020-12-31"});
    save(package);
    auto conversion = convert_and_validate(resource["name"]);
    ASSERT_TRUE(conversion.ok);
    const auto& report = *conversion.outcome.tabulation;
    EXPECT_EQ(report.records, 1793u);

    const std::string script =
        "CREATE TABLE w(" +
        [] {
            std::string columns;
            for (int i = 1; i <= 52; ++i) columns += (i > 1 ? ", c" : "c") + std::to_string(i);
            return columns;
        }() +
        ");\n" +
        sqlite_import((shared_ / "cgd/rural_waterpoint_functionality/rwpfunctionality.csv").string(), "w", ',') +
        // country c2, subdate_wp c7, wptype c16, functional3 c28
        "CREATE VIEW v AS SELECT c2 AS country, c16 AS type, substr(c7, 1, 4) AS year, c28 AS f FROM w;\n"
        "SELECT country, type, year, count(*), sum(f = 'Functional'), sum(f NOT IN ('NA', '')) FROM (\n"
        "  SELECT country, type, year, f FROM v UNION ALL SELECT '_T', type, year, f FROM v\n"
        "  UNION ALL SELECT country, '_T', year, f FROM v UNION ALL SELECT '_T', '_T', year, f FROM v)\n"
        "GROUP BY 1, 2, 3;\n";
    const auto expected = sqlite_rows(script);
    ASSERT_GT(expected.size(), 50u);
    EXPECT_EQ(report.cells, expected.size());

    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    auto cells = observations_by_key(output_ending(conversion, "-data-structurespecific.xml"), structures);
    EXPECT_EQ(cells.size(), 2 * expected.size());
    std::map<std::string, char> status;  // by "country|type|year"
    std::uint64_t primary = 0, secondary = 0;
    for (const auto& row : expected) {
        const std::string country = row[0] == "_T" ? "_T" : m49.at(row[0]);
        const std::string type = row[1] == "_T" ? "_T" : code_named(structures, "WATER_SOURCE", row[1]);
        const std::string rest = "|REF_AREA=" + country + "|WATER_SOURCE=" + type + "|TIME_PERIOD=" + row[2];
        const auto& count = cells.at("FREQ=A|INDICATOR=WATER_POINTS" + rest);
        const auto& percent = cells.at("FREQ=A|INDICATOR=FUNCTIONAL_PCT" + rest);
        const auto records = std::stoull(row[3]);
        const char conf = count.attributes.at("CONF_STATUS")[0];
        EXPECT_EQ(percent.attributes.at("CONF_STATUS")[0], conf) << rest;
        status[row[0] + "|" + row[1] + "|" + row[2]] = conf;
        if (records < 5) {
            EXPECT_EQ(conf, 'A') << rest << ": " << records << " records";
            ++primary;
            continue;
        }
        EXPECT_NE(conf, 'A') << rest;
        if (conf == 'D') {
            EXPECT_EQ(count.value, "NaN") << rest;
            ++secondary;
            continue;
        }
        EXPECT_EQ(count.value, row[3]) << rest;
        EXPECT_EQ(count.attributes.at("N_RECORDS"), row[3]) << rest;
        const double oracle = 100.0 * as_number(row[4]) / as_number(row[5]);
        EXPECT_NEAR(as_number(percent.value), oracle, 1e-9) << rest;
    }
    EXPECT_EQ(report.suppressed.primary, primary);
    EXPECT_EQ(report.suppressed.secondary, secondary);
    EXPECT_GT(secondary, 0u);

    // The protection itself: along any line of a total (cells that differ only in one
    // disaggregation, its total among them), no cell is the only one suppressed.
    for (int varying = 0; varying < 2; ++varying) {
        std::map<std::string, std::vector<char>> lines;
        for (const auto& row : expected) {
            const std::string fixed = (varying == 0 ? row[1] : row[0]) + "|" + row[2];
            lines[fixed].push_back(status[row[0] + "|" + row[1] + "|" + row[2]]);
        }
        for (const auto& [fixed, statuses] : lines) {
            const auto hidden = std::count_if(statuses.begin(), statuses.end(), [](char s) { return s != 'F'; });
            EXPECT_NE(hidden, 1) << "line " << fixed << " (varying " << (varying ? "type" : "country") << ")";
        }
    }
    const auto* disclosure =
        disclosure_annotation(output_ending(conversion, "-data-structurespecific.xml"), structures);
    ASSERT_NE(disclosure, nullptr);
    EXPECT_EQ(disclosure->title,
              "k=5; primary=" + std::to_string(primary) + "; secondary=" + std::to_string(secondary));
}

// Households by sex and age group of their members: the Kobo roster's six count
// columns (female_<_5_years ... male_>_1_8_years) unpivoted into SEX and AGE.
TEST_F(RealDataset, CleanTeamGhanaHouseholdsBySexAndAgeOfMembers) {
    json package = init("cleanteam_ghana_kobo", {"CTG_data_anonymized.csv"});
    // Added first: a new key in an ordered_json may move the others, and `resource` with them.
    package["citizen_sdmx"] = {{"bad_rows", "skip"}};  // the shifted rows are left out, and said
    json& resource = package["resources"][0];
    const std::vector<std::tuple<std::string, std::string, std::string>> roster = {
        {"female_<_5_years", "F", "Y_LT5"}, {"female_5_1_8_years", "F", "Y5T18"}, {"female_>_1_8_years", "F", "Y_GT18"},
        {"male_<_5_years", "M", "Y_LT5"},   {"male_5_1_8_years", "M", "Y5T18"},   {"male_>_1_8_years", "M", "Y_GT18"}};
    json columns = json::object();
    for (const auto& [column, sex, age] : roster) {
        field(resource, column)["type"] = "integer";  // the data officer's declaration
        columns[column] = {sex, age};
    }
    json tabulation = json::parse(R"({
        "unpivot": {"value": "members", "name": "Household members",
            "dimensions": [
                {"concept": "SEX", "name": "Sex", "codes": {"F": "Female", "M": "Male"}},
                {"concept": "AGE", "name": "Age group",
                 "codes": {"Y_LT5": "Under 5 years", "Y5T18": "5 to 18 years", "Y_GT18": "Over 18 years"}}]},
        "min_cell_size": 10,
        "statistics": [
            {"id": "HOUSEHOLDS", "name": "Households answering", "function": "count"},
            {"id": "HOUSEHOLDS_WITH", "name": "Households with members in the group", "function": "count",
             "where": {"column": "members", "gt": 0}},
            {"id": "MEMBERS", "name": "Household members", "function": "sum", "column": "members"}]})");
    tabulation["unpivot"]["columns"] = columns;
    resource["tabulation"] = tabulation;
    package["citizen_data"] = citizen_data({"CLEAN_TEAM_STUDY", "Clean Team Ghana evaluation (Tidwell et al.)",
                                            "ACADEMIA", "PUBLIC_LED", "2", "3", "2019-06-01", "2019-12-31"});
    save(package);
    auto conversion = convert_and_validate(resource["name"]);
    ASSERT_TRUE(conversion.ok);

    // sqlite3 on the raw export: every record of the right width that is not empty,
    // whose six roster cells are whole numbers or missing (NA, empty).
    const std::string raw = read_file(shared_ / "cgd/cleanteam_ghana_kobo/CTG_data_anonymized.csv");
    const std::string header = raw.substr(0, raw.find('\n'));
    std::vector<std::string> names;
    for (std::size_t start = 0, end; start <= header.size(); start = end + 1) {
        end = header.find(';', start);
        if (end == std::string::npos) end = header.size();
        names.push_back(header.substr(start, end - start));
    }
    if (!names.back().empty() && names.back().back() == '\r') names.back().pop_back();
    ASSERT_GT(names.size(), 200u);
    auto column_of = [&](const std::string& name) {
        return "c" + std::to_string(std::find(names.begin(), names.end(), name) - names.begin() + 1);
    };
    std::string table = "CREATE TABLE k(";
    for (std::size_t i = 1; i <= names.size(); ++i) table += (i > 1 ? ", c" : "c") + std::to_string(i);
    std::string whole = "1", not_empty = "0";
    for (const auto& [column, sex, age] : roster) {
        const auto c = column_of(column);
        whole += " AND (" + c + " IN ('', 'NA') OR (" + c + " GLOB '[0-9]*' AND " + c + " NOT GLOB '*[^0-9]*'))";
    }
    for (std::size_t i = 1; i <= names.size(); ++i) not_empty += " OR c" + std::to_string(i) + " <> ''";
    std::string script =
        table + ");\n" +
        sqlite_import((shared_ / "cgd/cleanteam_ghana_kobo/CTG_data_anonymized.csv").string(), "k", ';') +
        "CREATE VIEW households AS SELECT * FROM k WHERE c" + std::to_string(names.size()) + " IS NOT NULL AND (" +
        not_empty + ") AND " + whole + ";\nSELECT count(*) FROM households;\n";
    for (const auto& [column, sex, age] : roster) {
        const auto c = column_of(column);
        script += "SELECT '" + sex + "', '" + age + "', count(*), sum(CAST(" + c + " AS INTEGER) > 0), sum(CAST(" + c +
                  " AS INTEGER)) FROM households WHERE " + c + " NOT IN ('', 'NA');\n";
    }
    const auto expected = sqlite_rows(script);
    ASSERT_EQ(expected.size(), 7u);
    EXPECT_EQ(conversion.outcome.tabulation->records, std::stoull(expected[0][0]));

    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    auto cells = observations_by_key(output_ending(conversion, "-data-generic.xml"), structures);
    EXPECT_EQ(cells.size(), 18u);  // 2 sexes x 3 age groups x 3 statistics
    for (std::size_t r = 1; r < expected.size(); ++r) {
        const auto& row = expected[r];
        const std::string rest = "|SEX=" + row[0] + "|AGE=" + row[1] + "|TIME_PERIOD=2019";
        ASSERT_GE(std::stoull(row[2]), 10u) << rest;  // every cell is published
        EXPECT_EQ(cells.at("FREQ=A|INDICATOR=HOUSEHOLDS" + rest).value, row[2]) << rest;
        EXPECT_EQ(cells.at("FREQ=A|INDICATOR=HOUSEHOLDS_WITH" + rest).value, row[3]) << rest;
        EXPECT_EQ(cells.at("FREQ=A|INDICATOR=MEMBERS" + rest).value, row[4]) << rest;
        EXPECT_EQ(cells.at("FREQ=A|INDICATOR=MEMBERS" + rest).attributes.at("N_RECORDS"), row[2]) << rest;
    }
}

}  // namespace csdmx::test
