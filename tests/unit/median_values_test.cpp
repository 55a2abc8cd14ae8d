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

// Totals: an output's median is over the values of several groups together (a group
// listed twice counts twice; a group never given a value adds none), and equals the
// median sorting the union would give; in memory and spilled in several passes.
TEST(MedianValues, SelectsTheMediansOfUnionsOfGroupsInMemoryAndSpilled) {
    test::ScratchDirectory scratch;
    constexpr std::uint32_t kGroups = 400;
    std::mt19937_64 random(7);
    std::vector<std::vector<double>> by_group(kGroups);
    std::vector<std::pair<std::uint32_t, double>> added;
    for (int i = 0; i < 150000; ++i) {
        const auto group = static_cast<std::uint32_t>(random() % kGroups);
        if (group % 5 == 0) continue;  // some groups never get a value
        const double value = static_cast<double>(static_cast<int>(random() % 3001) - 1500) / 4;
        added.emplace_back(group, value);
        by_group[group].push_back(value);
    }
    // Outputs: each group alone, then unions of ten neighbours, one with a group twice,
    // one of groups without values only, one naming a group past the last, one empty.
    MedianValues::Sources sources;
    sources.offsets.push_back(0);
    std::vector<std::vector<std::uint32_t>> outputs;
    for (std::uint32_t g = 0; g < kGroups; ++g) outputs.push_back({g});
    for (std::uint32_t g = 0; g + 10 <= kGroups; g += 10) {
        std::vector<std::uint32_t> union_of;
        for (std::uint32_t i = g; i < g + 10; ++i) union_of.push_back(i);
        outputs.push_back(union_of);
    }
    outputs.push_back({1, 2, 2, 3});
    outputs.push_back({0, 5, 10});
    outputs.push_back({kGroups + 3, 7});
    outputs.push_back({});
    std::vector<std::uint32_t> everything(kGroups);
    for (std::uint32_t g = 0; g < kGroups; ++g) everything[g] = g;
    outputs.push_back(everything);
    std::map<std::uint32_t, double> expected;
    for (std::size_t o = 0; o < outputs.size(); ++o) {
        std::vector<double> values;
        for (std::uint32_t g : outputs[o]) {
            sources.groups.push_back(g);
            if (g < kGroups) values.insert(values.end(), by_group[g].begin(), by_group[g].end());
        }
        sources.offsets.push_back(sources.groups.size());
        if (values.empty()) continue;
        std::sort(values.begin(), values.end());
        expected[static_cast<std::uint32_t>(o)] = (values[(values.size() - 1) / 2] + values[values.size() / 2]) / 2;
    }
    for (std::size_t budget : {std::size_t{64} << 20, std::size_t{1} << 16}) {
        MedianValues values(scratch.path(), budget);
        for (const auto& [group, value] : added) values.add(group, value);
        std::map<std::uint32_t, double> got;
        std::uint32_t previous = 0;
        bool first = true;
        values.medians(sources, [&](std::uint32_t output, double median) {
            EXPECT_TRUE(first || output > previous) << "outputs come in order";
            first = false;
            previous = output;
            got[output] = median;
        });
        EXPECT_EQ(got, expected) << "budget " << budget;
        if (budget < (std::size_t{1} << 20)) {
            EXPECT_GT(values.passes(), 1u);
        } else {
            EXPECT_EQ(values.passes(), 0u);
        }
    }
}

}  // namespace csdmx::mapping
