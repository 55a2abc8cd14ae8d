#include "package/cell_values.h"

#include <gtest/gtest.h>

#include "sdmx/time_period.h"

namespace csdmx::package {

namespace {

Field field(const std::string& type, const std::string& format = "default") {
    Field f;
    f.name = "x";
    f.type = type;
    f.format = format;
    return f;
}

std::string read(const Field& f, const std::string& text) {
    std::string out;
    std::string problem = normalise_cell(f, text, out);
    return problem.empty() ? out : "ERROR: " + problem;
}

}  // namespace

TEST(CellValues, NumbersWithDecimalCommasAndGroupMarks) {
    Field number = field("number");
    number.decimal_char = ",";
    number.group_char = ".";
    EXPECT_EQ(read(number, "1.234,5"), "1234.5");
    EXPECT_EQ(read(number, "-0,25"), "-0.25");
    EXPECT_EQ(read(number, "12"), "12");
    EXPECT_NE(read(number, "1,2,3").rfind("ERROR", 0), std::string::npos);
    Field plain = field("number");
    EXPECT_EQ(read(plain, "+3.5"), "3.5");
    EXPECT_EQ(read(plain, "1e3"), "1e3");
    EXPECT_EQ(read(plain, "NaN"), "NaN");
    Field integer = field("integer");
    integer.group_char = " ";
    EXPECT_EQ(read(integer, "1 204 000"), "1204000");
    EXPECT_NE(read(field("integer"), "5.0").find("declare the type number"), std::string::npos);
}

TEST(CellValues, NonBareNumbersDropTheirSymbols) {
    Field percent = field("number");
    percent.bare_number = false;
    EXPECT_EQ(read(percent, "95%"), "95");
    EXPECT_EQ(read(percent, "EUR 1.5"), "1.5");
}

TEST(CellValues, DatesInTheFormsSpreadsheetsWrite) {
    EXPECT_EQ(read(field("date"), "2022-02-28"), "2022-02-28");
    EXPECT_EQ(read(field("date", "%d.%m.%Y"), "13.06.2019"), "2019-06-13");
    EXPECT_EQ(read(field("date", "%m/%d/%Y"), "10/7/2020"), "2020-10-07");
    EXPECT_EQ(read(field("date", "%d-%b-%y"), "28-Feb-22"), "2022-02-28");
    EXPECT_EQ(read(field("date", "excel"), "44620"), "2022-02-28");
    EXPECT_EQ(read(field("datetime", "%m/%d/%Y %I:%M:%S %p"), "10/7/2020 1:05:09 PM"), "2020-10-07T13:05:09");
    EXPECT_EQ(read(field("datetime"), "2019-06-13T09:15:43.523Z"), "2019-06-13T09:15:43Z");
    EXPECT_EQ(read(field("datetime"), "2018-10-15T00:00:36"), "2018-10-15T00:00:36");
    EXPECT_NE(read(field("date", "%d.%m.%Y"), "31.02.2019").rfind("ERROR", 0), std::string::npos);
    EXPECT_NE(read(field("date"), "2020-6-29").rfind("ERROR", 0), std::string::npos);
    EXPECT_EQ(read(field("yearmonth", "%m/%Y"), "03/2021"), "2021-03");
}

TEST(CellValues, TimePeriodsFromDatesAtADeclaredFrequency) {
    Field date = field("date");
    std::string period;
    char frequency = 0;
    EXPECT_EQ(cell_time_period(date, "2022-02-28", period, frequency), "");
    EXPECT_EQ(period, "2022-02-28");
    EXPECT_EQ(frequency, 'D');
    for (auto [code, expected] : {std::pair{'A', "2022"}, std::pair{'S', "2022-S1"}, std::pair{'Q', "2022-Q1"},
                                  std::pair{'M', "2022-02"}, std::pair{'W', "2022-W09"}}) {
        date.sdmx.frequency = code;
        EXPECT_EQ(cell_time_period(date, "2022-02-28", period, frequency), "");
        EXPECT_EQ(period, expected);
        EXPECT_EQ(frequency, code);
    }
    Field datetime = field("datetime");
    EXPECT_EQ(cell_time_period(datetime, "2018-10-15T00:00:36", period, frequency), "");
    EXPECT_EQ(period, "2018-10-15");
}

TEST(CellValues, PeriodsWrittenAsPeopleWriteThem) {
    Field text = field("string");
    std::string period;
    char frequency = 0;
    for (auto [written, sdmx_form, code] :
         {std::tuple{"2022W9", "2022-W09", 'W'}, std::tuple{"2022-W09", "2022-W09", 'W'},
          std::tuple{"2022 Q1", "2022-Q1", 'Q'}, std::tuple{"Q3 2021", "2021-Q3", 'Q'},
          std::tuple{"2022H2", "2022-S2", 'S'}, std::tuple{"2020", "2020", 'A'}}) {
        EXPECT_EQ(cell_time_period(text, written, period, frequency), "") << written;
        EXPECT_EQ(period, sdmx_form) << written;
        EXPECT_EQ(frequency, code) << written;
    }
    EXPECT_NE(cell_time_period(text, "2021W53", period, frequency), "");  // 2021 has 52 ISO weeks
}

TEST(CellValues, IsoWeeksAcrossYearEnds) {
    EXPECT_EQ(sdmx::period_of_day(2021, 1, 3, 'W'), "2020-W53");
    EXPECT_EQ(sdmx::period_of_day(2024, 12, 30, 'W'), "2025-W01");
    EXPECT_EQ(sdmx::period_of_day(2024, 7, 15, 'W'), "2024-W29");
}

TEST(CellValues, ExcelMangledIdentifiers) {
    EXPECT_TRUE(looks_like_excel_mangled_identifier("3.60E+14"));
    EXPECT_TRUE(looks_like_excel_mangled_identifier("8.92E+18"));
    EXPECT_FALSE(looks_like_excel_mangled_identifier("1.5E+3"));  // a plausible measurement
    EXPECT_FALSE(looks_like_excel_mangled_identifier("360000000000000"));
}

TEST(CellValues, Constraints) {
    Field age = field("integer");
    age.constraints.minimum = "0";
    age.constraints.maximum = "120";
    EXPECT_EQ(check_constraints(age, "30", "30", nullptr), "");
    EXPECT_NE(check_constraints(age, "130", "130", nullptr).find("at most 120"), std::string::npos);
    Field code = field("string");
    code.constraints.pattern = "[A-Z]{2}";
    TextPattern pattern(*code.constraints.pattern);
    EXPECT_EQ(check_constraints(code, "MW", "MW", &pattern), "");
    EXPECT_NE(check_constraints(code, "MWI", "MWI", &pattern).find("pattern"), std::string::npos);
    Field name = field("string");
    name.constraints.max_length = 3;
    EXPECT_NE(check_constraints(name, "Zomba", "Zomba", nullptr).find("at most 3 characters"), std::string::npos);
    EXPECT_EQ(check_constraints(name, "Åse", "Åse", nullptr), "");  // characters, not bytes
}

}  // namespace csdmx::package
