#include "sdmx/series_sorter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "tests/test_support.h"

namespace csdmx::sdmx {

namespace {

Observation make(std::mt19937& random, int i) {
    Observation observation;
    // Built by appending: GCC 12 warns falsely on "literal" + std::string (GCC bug 105329).
    std::string series = "S";
    series += std::to_string(random() % 7);
    std::string note;
    if (i % 3 != 0) note.append("note ").append(std::to_string(i));
    observation.key = {"A", series, std::to_string(2000 + random() % 20)};
    observation.value = std::to_string(i);
    observation.attributes = {note};
    return observation;
}

}  // namespace

TEST(SeriesSorter, SpilledRunsMergeIntoSeriesOrderAndDuplicatesAreFound) {
    test::ScratchDirectory scratch;
    std::mt19937 random(7);
    std::vector<Observation> expected;
    SeriesSorter sorter(scratch.path(), 4096);  // a tiny budget forces many runs
    for (int i = 0; i < 3000; ++i) {
        auto observation = make(random, i);
        expected.push_back(observation);
        sorter.add(observation, static_cast<std::uint64_t>(i + 2));
    }
    EXPECT_GT(sorter.runs_spilled(), 40u);  // more than one merge level

    std::vector<Observation> replayed;
    std::size_t duplicates = 0;
    sorter.replay([&](const Observation& o) { replayed.push_back(o); },
                  [&](const Observation& kept, std::uint64_t first, const Observation& o, std::uint64_t line) {
                      ++duplicates;
                      EXPECT_LT(first, line);  // the first occurrence in the input is kept
                      EXPECT_FALSE(replayed.empty());
                      EXPECT_EQ(replayed.back().key, o.key);
                      EXPECT_EQ(replayed.back().value, kept.value);
                  });
    // Independent reference: stable sort, then keep the first of each key.
    std::stable_sort(expected.begin(), expected.end(),
                     [](const Observation& a, const Observation& b) { return a.key < b.key; });
    std::vector<Observation> unique;
    for (const auto& o : expected) {
        if (unique.empty() || unique.back().key != o.key) unique.push_back(o);
    }
    ASSERT_EQ(replayed.size(), unique.size());
    EXPECT_EQ(duplicates, expected.size() - unique.size());
    for (std::size_t i = 0; i < unique.size(); ++i) {
        EXPECT_EQ(replayed[i].key, unique[i].key);
        EXPECT_EQ(replayed[i].value, unique[i].value);
        EXPECT_EQ(replayed[i].attributes, unique[i].attributes);
    }
    // The runs were unlinked at creation: nothing is left in the folder.
    EXPECT_TRUE(test::list_directory(scratch.path()).empty());
}

TEST(SeriesSorter, SmallInputsStayInMemory) {
    test::ScratchDirectory scratch;
    SeriesSorter sorter(scratch.path());
    Observation b;
    b.key = {"B", "2020"};
    Observation a;
    a.key = {"A", "2021"};
    Observation a0;
    a0.key = {"A", "2020"};
    sorter.add(b, 1);
    sorter.add(a, 2);
    sorter.add(a0, 3);
    std::vector<std::string> order;
    sorter.replay([&](const Observation& o) { order.push_back(o.key[0] + o.key[1]); },
                  [](const Observation&, std::uint64_t, const Observation&, std::uint64_t) { FAIL(); });
    EXPECT_EQ(order, (std::vector<std::string>{"A2020", "A2021", "B2020"}));
    EXPECT_EQ(sorter.runs_spilled(), 0u);
}

}  // namespace csdmx::sdmx
