#include "pipeline/coverage_period.h"

#include <gtest/gtest.h>

namespace csdmx::mapping {

using Days = std::pair<std::string, std::string>;

TEST(CoveragePeriod, DaysOfEachForm) {
    EXPECT_EQ(period_days("2024"), Days("2024-01-01", "2024-12-31"));
    EXPECT_EQ(period_days("2024-S2"), Days("2024-07-01", "2024-12-31"));
    EXPECT_EQ(period_days("2024-Q1"), Days("2024-01-01", "2024-03-31"));
    EXPECT_EQ(period_days("2024-02"), Days("2024-02-01", "2024-02-29"));
    EXPECT_EQ(period_days("2023-02"), Days("2023-02-01", "2023-02-28"));
    EXPECT_EQ(period_days("2024-03-05"), Days("2024-03-05", "2024-03-05"));
    EXPECT_EQ(period_days("soon").first, "");
}

TEST(CoveragePeriod, ObservationsOutsideAreOneWarning) {
    sdmx::ObservationLayout layout;
    layout.key_ids = {"SEX", "TIME_PERIOD"};
    CoveragePeriodCheck check("2024-01-01", "2024-06-30", layout);
    check.see({{"F", "2024-Q2"}, "1", {}});  // inside
    check.see({{"F", "2023"}, "1", {}});     // overlaps the start? no: 2023 ends before
    check.see({{"M", "2023"}, "1", {}});
    check.see({{"M", "2024"}, "1", {}});  // overlaps
    check.see({{"M", "2024-07"}, "1", {}});
    EXPECT_EQ(check.outside(), 3u);
    Diagnostics diagnostics;
    check.report("data.csv", diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].severity, Severity::warning);
    EXPECT_NE(diagnostics.items()[0].message.find("3 observation(s)"), std::string::npos);
    EXPECT_NE(diagnostics.items()[0].message.find("2023, 2024-07"), std::string::npos);
}

// The verdicts are remembered per period; a check that sees
// each observation alone, with nothing remembered, must count the same.
TEST(CoveragePeriod, RememberedVerdictsCountAsFreshChecksDo) {
    sdmx::ObservationLayout layout;
    layout.key_ids = {"SEX", "TIME_PERIOD"};
    const std::vector<std::string> periods = {"2023",    "2023", "2024-Q2", "2023",       "2024-07", "2024-07",
                                              "2024-Q2", "2024", "2023",    "2024-01-15", "2025",    "2025"};
    CoveragePeriodCheck remembered("2024-01-01", "2024-06-30", layout);
    std::uint64_t fresh_total = 0;
    for (const auto& period : periods) {
        remembered.see({{"F", period}, "1", {}});
        CoveragePeriodCheck fresh("2024-01-01", "2024-06-30", layout);
        fresh.see({{"F", period}, "1", {}});
        fresh_total += fresh.outside();
    }
    EXPECT_EQ(fresh_total, 8U);  // 2023 four times, 2024-07 and 2025 twice each
    EXPECT_EQ(remembered.outside(), fresh_total);
}

TEST(CoveragePeriod, NothingIsCheckedWithoutDates) {
    sdmx::ObservationLayout layout;
    layout.key_ids = {"TIME_PERIOD"};
    CoveragePeriodCheck check("TODO", "2024-06-30", layout);
    check.see({{"1999"}, "1", {}});
    EXPECT_EQ(check.outside(), 0u);
}

}  // namespace csdmx::mapping
