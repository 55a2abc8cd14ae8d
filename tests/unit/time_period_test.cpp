#include "sdmx/time_period.h"

#include <gtest/gtest.h>

namespace csdmx::sdmx {

TEST(TimePeriod, RecognisesEachFormAndItsFrequency) {
    struct Case {
        const char* text;
        char frequency;
    };
    for (auto [text, frequency] : {Case{"2024", 'A'}, Case{"2024-S2", 'S'}, Case{"2024-Q3", 'Q'}, Case{"2024-02", 'M'},
                                   Case{"2020-W53", 'W'}, Case{"2024-02-29", 'D'}}) {
        auto period = parse_time_period(text);
        ASSERT_TRUE(period.has_value()) << text;
        EXPECT_EQ(period->frequency, frequency) << text;
        EXPECT_EQ(period->value, text);
    }
}

TEST(TimePeriod, RefusesImpossiblePeriods) {
    for (const char* text : {"2023-02-29", "2024-13", "2024-00", "2024-Q5", "2024-S3", "2021-W53", "2024-W00", "24",
                             "2024/01", "2024-1", "0000", "2024-02-30", "2024-04-31", "abcd"}) {
        EXPECT_FALSE(parse_time_period(text).has_value()) << text;
    }
}

TEST(TimePeriod, KnowsWhichYearsHaveFiftyThreeIsoWeeks) {
    // 2015, 2020 and 2026 start on a Thursday (or are leap years starting on a Wednesday).
    EXPECT_EQ(iso_weeks_in_year(2015), 53);
    EXPECT_EQ(iso_weeks_in_year(2020), 53);
    EXPECT_EQ(iso_weeks_in_year(2026), 53);
    EXPECT_EQ(iso_weeks_in_year(2021), 52);
    EXPECT_EQ(iso_weeks_in_year(2024), 52);
}

TEST(TimePeriod, LeapYears) {
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_FALSE(is_leap_year(1900));
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_TRUE(is_valid_date(2000, 2, 29));
    EXPECT_FALSE(is_valid_date(1900, 2, 29));
}

}  // namespace csdmx::sdmx
