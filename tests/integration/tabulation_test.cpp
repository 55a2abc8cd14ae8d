// Tabulation end to end on small crafted record sets: every expected statistic and
// every suppression is worked out here from the records themselves (by direct
// reduction, and by hand for the suppression pattern), never by the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "tests/integration/conversion_fixture.h"
#include "tests/package_fixture.h"

namespace csdmx::test {

namespace {

using json = nlohmann::json;

struct Visit {
    int id = 0;
    std::string region, sex;
    int age = 0;
    std::optional<double> income;  // missing in some records
    double weight = 1;
    std::string water;  // "improved", "unimproved", or "" (not asked)
    std::string phone;
    double lat = 0, lon = 0;
    std::string date;
};

// 32 visits: A/female 5, A/male 2, B/female 4, B/male 6, C/female 7, C/male 8.
std::vector<Visit> crafted_visits() {
    const std::vector<std::tuple<std::string, std::string, int>> groups = {
        {"A", "female", 5}, {"A", "male", 2}, {"B", "female", 4}, {"B", "male", 6}, {"C", "female", 7}, {"C", "male", 8}};
    std::vector<Visit> visits;
    int id = 0;
    for (const auto& [region, sex, n] : groups) {
        for (int i = 0; i < n; ++i) {
            ++id;
            Visit v;
            v.id = id;
            v.region = region;
            v.sex = sex;
            v.age = 20 + (id * 7) % 50;
            if (id % 9 != 0) v.income = 100 + (id * 37) % 250 + (id % 2 ? 0.5 : 0.0);
            v.weight = 1 + (id % 3) * 0.5;
            v.water = id % 11 == 0 ? "" : (id % 4 == 0 ? "unimproved" : "improved");
            v.phone = "+265 99 555 " + std::to_string(1000 + id);
            v.lat = 12.25 + id * 0.01;
            v.lon = 33.5;
            char date[16];
            std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + id % 12, 1 + id % 28);
            v.date = date;
            visits.push_back(v);
        }
    }
    return visits;
}

std::string visits_csv(const std::vector<Visit>& visits) {
    std::string csv = "id,region,sex,age,income,weight,water_source,phone,lat,lon,visited\n";
    for (const auto& v : visits) {
        char income[32] = "NA";
        if (v.income) std::snprintf(income, sizeof income, "%.1f", *v.income);
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, "%d,%s,%.1f", v.age, income, v.weight);
        char place[64];
        std::snprintf(place, sizeof place, "%.4f,%.4f", v.lat, v.lon);
        csv += std::to_string(v.id) + "," + v.region + "," + v.sex + "," + numbers + "," + v.water + "," + v.phone +
               "," + place + "," + v.date + "\n";
    }
    return csv;
}

json visit_fields() {
    return json::parse(R"([
        {"name": "id", "type": "integer"},
        {"name": "region", "type": "string"},
        {"name": "sex", "type": "string"},
        {"name": "age", "type": "integer"},
        {"name": "income", "type": "number"},
        {"name": "weight", "type": "number"},
        {"name": "water_source", "type": "string"},
        {"name": "phone", "type": "string", "personal": "phone"},
        {"name": "lat", "type": "number", "personal": "coordinates"},
        {"name": "lon", "type": "number", "personal": "coordinates"},
        {"name": "visited", "type": "date"}])");
}

json visit_tabulation() {
    return json::parse(R"({
        "group_by": [
            {"column": "region", "concept": "REGION", "totals": true},
            {"column": "sex", "concept": "SEX", "codes": {"female": "F", "male": "M"}, "totals": true}],
        "period": {"column": "visited", "frequency": "A"},
        "weight": "weight",
        "min_cell_size": 3,
        "statistics": [
            {"id": "HOUSEHOLDS", "function": "count", "weighted": false, "unit": {"code": "HH", "name": "Households"}},
            {"id": "INCOME_MEAN", "function": "mean", "column": "income", "unit": "USD"},
            {"id": "INCOME_MEDIAN", "function": "median", "column": "income", "unit": "USD"},
            {"id": "IMPROVED", "function": "percentage", "where": {"column": "water_source", "equals": "improved"},
             "unit": "PT", "decimals": 2},
            {"id": "AGE_MAX", "function": "max", "column": "age"}]})");
}

class Tabulation : public ::testing::Test {
protected:
    void SetUp() override {
        auto shared = shared_directory();
        if (!shared) GTEST_SKIP() << "../shared is absent; set CITIZEN_SDMX_SHARED to run this test";
        shared_ = *shared;
    }

    // A package of one resource of records, with the sample survey's citizen_data.
    std::filesystem::path package(const json& fields, const json& tabulation, const std::string& csv,
                                  const std::function<void(json&)>& adjust = {}) {
        json descriptor = sample_descriptor("disability-access-survey");
        json resource = {{"name", "household-visits"},
                         {"path", "visits.csv"},
                         {"format", "csv"},
                         {"encoding", "utf-8"},
                         {"schema", {{"fields", fields}, {"missingValues", {"", "NA"}}}}};
        if (!tabulation.is_null()) resource["tabulation"] = tabulation;
        descriptor["resources"] = json::array({resource});
        descriptor["citizen_data"]["sdmx"]["dataflow"] = "DF_HOUSEHOLD_VISITS";
        if (adjust) adjust(descriptor);
        return write_package(scratch_ / "package", descriptor, "disability-access-survey", &csv);
    }

    Conversion convert_package(const std::filesystem::path& descriptor) {
        return convert(descriptor, scratch_ / "out");
    }

    std::filesystem::path shared_;
    ScratchDirectory scratch_;
};

double as_number(const std::string& text) {
    return std::strtod(text.c_str(), nullptr);
}

// What a cell should hold, reduced directly from the visits.
struct ExpectedCell {
    std::size_t records = 0;
    double mean = 0, median = 0, improved_percent = 0;
    int age_max = 0;
};

ExpectedCell expected_cell(const std::vector<Visit>& visits, const std::string& region, const std::string& sex) {
    ExpectedCell cell;
    std::vector<double> incomes;
    double weighted_income = 0, income_weight = 0, improved = 0, known = 0;
    for (const auto& v : visits) {
        if ((region != "_T" && v.region != region) || (sex != "_T" && v.sex != sex)) continue;
        ++cell.records;
        if (v.income) {
            incomes.push_back(*v.income);
            weighted_income += v.weight * *v.income;
            income_weight += v.weight;
        }
        if (!v.water.empty()) {
            known += v.weight;
            if (v.water == "improved") improved += v.weight;
        }
        cell.age_max = std::max(cell.age_max, v.age);
    }
    std::sort(incomes.begin(), incomes.end());
    const std::size_t n = incomes.size();
    cell.median = n % 2 ? incomes[n / 2] : (incomes[n / 2 - 1] + incomes[n / 2]) / 2;
    cell.mean = weighted_income / income_weight;
    cell.improved_percent = 100 * improved / known;
    return cell;
}

std::string diagnostics_of_kind(const Conversion& conversion, const std::string& kind) {
    std::string text;
    for (const auto& d : conversion.diagnostics.items()) {
        if (d.kind == kind) text += d.message + "\n";
    }
    return text;
}

}  // namespace

TEST_F(Tabulation, StatisticsByDisaggregationWithTotalsAndSuppression) {
    const auto visits = crafted_visits();
    auto conversion = convert_package(package(visit_fields(), visit_tabulation(), visits_csv(visits)));
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_outputs_valid(conversion, shared_);
    ASSERT_TRUE(conversion.outcome.tabulation);
    const auto& report = *conversion.outcome.tabulation;
    EXPECT_EQ(report.records, visits.size());
    EXPECT_EQ(report.cells, 12u);  // (3 regions + total) x (2 sexes + total)

    // The suppression pattern, worked out by hand with k = 3:
    //   A/M rests on 2 visits: primary (A).
    //   Row A would give A/M away from A/_T - A/F: A/F is hidden too (D).
    //   Column M would give it away from _T/M - B/M - C/M: the smaller, B/M (6), is hidden (D).
    //   Column F now has A/F alone hidden: the smaller other, B/F (4), is hidden (D).
    //   Row B has two hidden cells, row C none: done.
    const std::map<std::string, std::string> hidden = {{"A|M", "A"}, {"A|F", "D"}, {"B|M", "D"}, {"B|F", "D"}};
    EXPECT_EQ(report.suppressed.primary, 1u);
    EXPECT_EQ(report.suppressed.secondary, 3u);

    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml"}) {
        auto cells = observations_by_key(output_ending(conversion, suffix), structures);
        EXPECT_EQ(cells.size(), 12u * 5u) << suffix;
        for (const std::string region : {"A", "B", "C", "_T"}) {
            for (const auto& [sex, code] : std::vector<std::pair<std::string, std::string>>{
                     {"female", "F"}, {"male", "M"}, {"_T", "_T"}}) {
                const auto expected = expected_cell(visits, region, sex);
                const std::string where = region + "|" + code;
                auto key = [&](const std::string& indicator) {
                    return "FREQ=A|INDICATOR=" + indicator + "|REGION=" + region + "|SEX=" + code + "|TIME_PERIOD=2024";
                };
                for (const char* indicator : {"HOUSEHOLDS", "INCOME_MEAN", "INCOME_MEDIAN", "IMPROVED", "AGE_MAX"}) {
                    ASSERT_TRUE(cells.count(key(indicator))) << suffix << " " << key(indicator);
                    const auto& cell = cells.at(key(indicator));
                    if (auto h = hidden.find(where); h != hidden.end()) {
                        EXPECT_EQ(cell.value, "NaN") << key(indicator);
                        EXPECT_EQ(cell.attributes.at("OBS_STATUS"), "Q") << key(indicator);
                        EXPECT_EQ(cell.attributes.at("CONF_STATUS"), h->second) << key(indicator);
                        EXPECT_EQ(cell.attributes.count("N_RECORDS"), 0u) << key(indicator);
                        continue;
                    }
                    EXPECT_EQ(cell.attributes.at("OBS_STATUS"), "A") << key(indicator);
                    EXPECT_EQ(cell.attributes.at("CONF_STATUS"), "F") << key(indicator);
                    EXPECT_EQ(cell.attributes.at("N_RECORDS"), std::to_string(expected.records)) << key(indicator);
                }
                if (hidden.count(where)) continue;
                EXPECT_EQ(cells.at(key("HOUSEHOLDS")).value, std::to_string(expected.records));
                EXPECT_NEAR(as_number(cells.at(key("INCOME_MEAN")).value), expected.mean, 1e-9 * expected.mean);
                EXPECT_DOUBLE_EQ(as_number(cells.at(key("INCOME_MEDIAN")).value), expected.median) << where;
                EXPECT_NEAR(as_number(cells.at(key("IMPROVED")).value), expected.improved_percent, 0.005 + 1e-9);
                EXPECT_EQ(cells.at(key("IMPROVED")).value.find('.') + 3, cells.at(key("IMPROVED")).value.size());
                EXPECT_EQ(cells.at(key("AGE_MAX")).value, std::to_string(expected.age_max));
                EXPECT_EQ(cells.at(key("INCOME_MEAN")).attributes.at("UNIT_MEASURE"), "USD");
            }
        }
    }

    // What disclosure control did is said on the data set, for whoever loads it.
    sdmx::ml21::DataMessageReader reader(output_ending(conversion, "-data-structurespecific.xml"),
                                         &structures.data_structures.at(0));
    sdmx::ml21::ReadObservation first;
    ASSERT_TRUE(reader.next(first));
    const auto* disclosure = sdmx::find_annotation(reader.dataset().annotations, "DISCLOSURE_CONTROL");
    ASSERT_NE(disclosure, nullptr);
    EXPECT_NE(disclosure->title.find("primary=1; secondary=3"), std::string::npos) << disclosure->title;
    EXPECT_NE(disclosure->text.text().find("fewer than 3 records"), std::string::npos) << disclosure->text.text();

    // No personal value reaches the messages.
    for (const auto& output : conversion.outcome.outputs) {
        const std::string text = read_file(output);
        EXPECT_EQ(text.find("555 1001"), std::string::npos) << output;
        EXPECT_EQ(text.find("12.2600"), std::string::npos) << output;
    }
}

TEST_F(Tabulation, CellsBelowThreeRecordsCannotBeAllowed) {
    auto tabulation = visit_tabulation();
    tabulation["min_cell_size"] = 2;
    auto conversion = convert_package(package(visit_fields(), tabulation, visits_csv(crafted_visits())));
    EXPECT_FALSE(conversion.ok);
    EXPECT_NE(conversion.listing().find("min_cell_size"), std::string::npos) << conversion.listing();

    // Without min_cell_size, the package's disclosure threshold is the k; it too must be 3 or more.
    tabulation.erase("min_cell_size");
    conversion = convert_package(package(visit_fields(), tabulation, visits_csv(crafted_visits()),
                                         [](json& d) { d["citizen_data"]["disclosure_threshold"] = 2; }));
    EXPECT_FALSE(conversion.ok);
    EXPECT_NE(conversion.listing().find("cells must rest on at least 3 records; the threshold is 2"),
              std::string::npos)
        << conversion.listing();
    EXPECT_TRUE(list_directory(scratch_ / "out").empty());
}

TEST_F(Tabulation, PersonalFieldsAreRefusedUnlessAllowed) {
    const std::string csv = visits_csv(crafted_visits());
    // As a disaggregation.
    auto tabulation = visit_tabulation();
    tabulation["group_by"][0] = {{"column", "phone"}};
    auto conversion = convert_package(package(visit_fields(), tabulation, csv));
    EXPECT_FALSE(conversion.ok);
    auto refused = diagnostics_of_kind(conversion, "personal");
    EXPECT_NE(refused.find("column \"phone\" holds personal data (phone) and is not published as a disaggregation"),
              std::string::npos)
        << conversion.listing();
    EXPECT_TRUE(list_directory(scratch_ / "out").empty());

    // As the column of a statistic.
    tabulation = visit_tabulation();
    tabulation["statistics"].push_back({{"id", "LAT_MEAN"}, {"function", "mean"}, {"column", "lat"}});
    conversion = convert_package(package(visit_fields(), tabulation, csv));
    EXPECT_FALSE(conversion.ok);
    EXPECT_NE(diagnostics_of_kind(conversion, "personal").find("column \"lat\" holds personal data (coordinates)"),
              std::string::npos)
        << conversion.listing();

    // In a table converted as it is (no tabulation), a personal column is refused too.
    conversion = convert_package(package(visit_fields(), json(), csv));
    EXPECT_FALSE(conversion.ok);
    EXPECT_NE(diagnostics_of_kind(conversion, "personal").find("column \"phone\""), std::string::npos)
        << conversion.listing();

    // Allowed explicitly by the package, it is used.
    tabulation = visit_tabulation();
    tabulation["group_by"] = json::array({{{"column", "phone"}, {"concept", "PHONE"}}});
    conversion = convert_package(package(visit_fields(), tabulation, csv, [](json& d) {
        d["citizen_sdmx"] = {{"allow_personal", {"phone"}}};
    }));
    EXPECT_TRUE(conversion.ok) << conversion.listing();
    EXPECT_EQ(conversion.outcome.tabulation->suppressed.primary, conversion.outcome.tabulation->cells);  // 1 each
}

TEST_F(Tabulation, CoordinatesAreGeneralisedToAreas) {
    // Two boxes; visits 1-4 fall in NORTH, 5-7 in SOUTH, one outside, one without coordinates.
    std::string csv = "id,lat,lon\n";
    const double latitudes[] = {15.1, 15.2, 19.9, 10.5, 9.5, 2.25, 0.1, 45.0};
    for (int i = 0; i < 8; ++i) csv += std::to_string(i + 1) + "," + std::to_string(latitudes[i]) + ",33.5\n";
    csv += "9,NA,NA\n";
    json fields = json::parse(R"([{"name": "id", "type": "integer"},
        {"name": "lat", "type": "number", "personal": "coordinates"},
        {"name": "lon", "type": "number", "personal": "coordinates"}])");
    json tabulation = json::parse(R"({"group_by": [{"coordinates": ["lat", "lon"], "areas": "areas.csv"}],
        "min_cell_size": 3, "statistics": [{"id": "VISITS", "function": "count"}]})");
    auto descriptor = package(fields, tabulation, csv);
    write_file(descriptor.parent_path() / "areas.csv",
               "code,name,min_lat,max_lat,min_lon,max_lon\nNORTH,Northern Region,10,20,30,40\n"
               "SOUTH,Southern Region,0,10,30,40\n");
    auto conversion = convert_package(descriptor);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_outputs_valid(conversion, shared_);
    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    auto cells = observations_by_key(output_ending(conversion, "-data-structurespecific.xml"), structures);
    // The period is the calendar year of citizen_data.coverage.period (2024-02-01 to 2024-06-30).
    ASSERT_EQ(cells.size(), 4u);
    auto value = [&](const std::string& area) {
        return cells.at("FREQ=A|INDICATOR=VISITS|REF_AREA=" + area + "|TIME_PERIOD=2024").value;
    };
    EXPECT_EQ(value("NORTH"), "4");
    EXPECT_EQ(value("SOUTH"), "3");
    EXPECT_EQ(value("_O"), "NaN");  // one visit outside the areas: suppressed
    EXPECT_EQ(value("_X"), "NaN");  // one without coordinates
    const auto* areas = structures.codelist_of(structures.data_structures.at(0).dimensions.at(2).concept_identity,
                                               structures.data_structures.at(0).dimensions.at(2).local_representation);
    ASSERT_NE(areas, nullptr);
    ASSERT_NE(areas->find("NORTH"), nullptr);
    EXPECT_EQ(areas->find("NORTH")->name.text(), "Northern Region");
}

TEST_F(Tabulation, WideColumnsAreUnpivotedIntoDimensions) {
    // Household members by sex and age group, one column each, as Kobo exports them.
    const int members[][4] = {{1, 0, 2, 1}, {0, 1, 1, 1}, {2, 2, 1, 0}, {0, 0, 1, 2}, {1, 1, 3, 2}, {0, 3, 0, 1}};
    std::string csv = "household,f_child,m_child,f_adult,m_adult\n";
    for (int h = 0; h < 6; ++h) {
        csv += std::to_string(h + 1);
        for (int c = 0; c < 4; ++c) csv += "," + (h == 5 && c == 0 ? std::string("NA") : std::to_string(members[h][c]));
        csv += "\n";
    }
    json fields = json::parse(R"([{"name": "household", "type": "integer"},
        {"name": "f_child", "type": "integer"}, {"name": "m_child", "type": "integer"},
        {"name": "f_adult", "type": "integer"}, {"name": "m_adult", "type": "integer"}])");
    json tabulation = json::parse(R"({
        "unpivot": {"value": "members", "name": "Household members",
            "dimensions": [{"concept": "SEX", "codes": {"F": "Female", "M": "Male"}},
                           {"concept": "AGE", "codes": {"Y_LT18": "Under 18", "Y_GE18": "18 and over"}}],
            "columns": {"f_child": ["F", "Y_LT18"], "m_child": ["M", "Y_LT18"],
                        "f_adult": ["F", "Y_GE18"], "m_adult": ["M", "Y_GE18"]}},
        "min_cell_size": 3,
        "statistics": [{"id": "MEMBERS", "function": "sum", "column": "members"},
                       {"id": "HOUSEHOLDS_WITH", "function": "count", "where": {"column": "members", "gt": 0}}]})");
    auto conversion = convert_package(package(fields, tabulation, csv));
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_outputs_valid(conversion, shared_);
    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    auto cells = observations_by_key(output_ending(conversion, "-data-generic.xml"), structures);
    const std::pair<const char*, const char*> columns[] = {
        {"F", "Y_LT18"}, {"M", "Y_LT18"}, {"F", "Y_GE18"}, {"M", "Y_GE18"}};
    for (int c = 0; c < 4; ++c) {
        int sum = 0, with = 0, answered = 0;
        for (int h = 0; h < 6; ++h) {
            if (h == 5 && c == 0) continue;  // NA: this household gives no value for the column
            ++answered;
            sum += members[h][c];
            with += members[h][c] > 0 ? 1 : 0;
        }
        const std::string cell = std::string("|SEX=") + columns[c].first + "|AGE=" + columns[c].second +
                                 "|TIME_PERIOD=2024";
        const auto& total = cells.at("FREQ=A|INDICATOR=MEMBERS" + cell);
        EXPECT_EQ(total.value, std::to_string(sum)) << cell;
        EXPECT_EQ(total.attributes.at("N_RECORDS"), std::to_string(answered)) << cell;
        EXPECT_EQ(cells.at("FREQ=A|INDICATOR=HOUSEHOLDS_WITH" + cell).value, std::to_string(with)) << cell;
    }
    EXPECT_EQ(conversion.outcome.tabulation->records, 6u);
}

TEST_F(Tabulation, OneRecordCountsAtEachFrequency) {
    std::string csv = "reading,at,pm\n";
    const char* times[] = {"2024-03-01T08:00:00", "2024-03-01T09:00:00", "2024-03-01T10:00:00",
                           "2024-03-02T08:00:00", "2024-03-02T09:00:00", "2024-03-02T10:00:00"};
    const double pm[] = {10, 20, 30, 5, 7, 9};
    for (int i = 0; i < 6; ++i) csv += std::to_string(i + 1) + "," + times[i] + "," + std::to_string(pm[i]) + "\n";
    json fields = json::parse(R"([{"name": "reading", "type": "integer"}, {"name": "at", "type": "datetime"},
        {"name": "pm", "type": "number"}])");
    json tabulation = json::parse(R"({"period": {"column": "at", "frequency": ["D", "A"]}, "min_cell_size": 3,
        "statistics": [{"id": "PM_MEAN", "function": "mean", "column": "pm", "unit": "MICROG_M3"}]})");
    auto conversion = convert_package(package(fields, tabulation, csv));
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    expect_outputs_valid(conversion, shared_);
    auto structures = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    auto cells = observations_by_key(output_ending(conversion, "-data-structurespecific.xml"), structures);
    ASSERT_EQ(cells.size(), 3u);
    EXPECT_DOUBLE_EQ(as_number(cells.at("FREQ=D|INDICATOR=PM_MEAN|TIME_PERIOD=2024-03-01").value), 20.0);
    EXPECT_DOUBLE_EQ(as_number(cells.at("FREQ=D|INDICATOR=PM_MEAN|TIME_PERIOD=2024-03-02").value), 7.0);
    EXPECT_DOUBLE_EQ(as_number(cells.at("FREQ=A|INDICATOR=PM_MEAN|TIME_PERIOD=2024").value), 13.5);
}

}  // namespace csdmx::test
