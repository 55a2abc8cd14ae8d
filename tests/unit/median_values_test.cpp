#include "tabulation/median_values.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "tests/test_support.h"

namespace csdmx::mapping {

namespace {

// The medians by sorting each group: (x[(n-1)/2] + x[n/2]) / 2.
std::map<std::uint32_t, double> sorted_medians(std::map<std::uint32_t, std::vector<double>> groups) {
    std::map<std::uint32_t, double> medians;
    for (auto& [group, values] : groups) {
        std::sort(values.begin(), values.end());
        const std::size_t n = values.size();
        medians[group] = (values[(n - 1) / 2] + values[n / 2]) / 2;
    }
    return medians;
}

std::map<std::uint32_t, double> selected_medians(MedianValues& values) {
    std::map<std::uint32_t, double> medians;
    std::uint32_t previous = 0;
    bool first = true;
    values.medians([&](std::uint32_t group, double median) {
        EXPECT_TRUE(first || group > previous) << "groups come in order";
        first = false;
        previous = group;
        medians[group] = median;
    });
    return medians;
}

}  // namespace

// Odd and even counts, negative values and zeros, duplicates, groups left empty;
// in memory, and spilled with a budget so small that it takes several passes.
TEST(MedianValues, SelectsTheMediansSortingWouldGiveInMemoryAndSpilled) {
    test::ScratchDirectory scratch;
    for (std::size_t budget : {std::size_t{64} << 20, std::size_t{1} << 16}) {
        MedianValues values(scratch.path(), budget);
        std::map<std::uint32_t, std::vector<double>> groups;
        std::mt19937_64 random(42);
        for (int i = 0; i < 200000; ++i) {
            const auto group = static_cast<std::uint32_t>(random() % 997) * 3;  // every third group empty
            double value = static_cast<double>(static_cast<int>(random() % 2001) - 1000) / 8;
            if (i % 101 == 0) value = -0.0;
            values.add(group, value);
            groups[group].push_back(value);
        }
        values.add(5000, 7.5);  // a group of one
        groups[5000].push_back(7.5);
        auto expected = sorted_medians(groups);
        auto got = selected_medians(values);
        EXPECT_EQ(got, expected) << "budget " << budget;
        if (budget < (std::size_t{1} << 20)) {
            EXPECT_GT(values.passes(), 1u);
        } else {
            EXPECT_EQ(values.passes(), 0u);
        }
    }
}

}  // namespace csdmx::mapping
