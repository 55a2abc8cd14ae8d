#include "sdmx/series_sorter.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "sdmx/data_writer.h"
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
    SeriesSorter sorter(scratch.path(), 2048);  // a tiny budget forces many runs
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

// Against a reference (a stable sort by key, then line; the first of equal keys
// kept) for every shape the compact records must carry: keys of different
// lengths, values past the dictionaries' budget (kept as text), empty texts and
// attributes, large source positions, lines out of order, equal keys, and budgets
// from spilling every few records to none.
TEST(SeriesSorter, AgreesWithAStableSortForEveryShapeAndBudget) {
    test::ScratchDirectory scratch;
    for (std::size_t budget : {std::size_t{600}, std::size_t{5000}, std::size_t{32} << 20}) {
        for (bool lines_in_order : {true, false}) {
            std::mt19937 random(static_cast<unsigned>(budget) + lines_in_order);
            struct Entry {
                Observation observation;
                std::uint64_t line;
            };
            std::vector<Entry> input;
            SeriesSorter sorter(scratch.path(), budget);
            for (int i = 0; i < 2500; ++i) {
                Observation o;
                const std::size_t keys = random() % 9 == 0 ? 2 : 3;
                for (std::size_t k = 0; k < keys; ++k) {
                    // Mostly a few codes; sometimes one of many (past a small dictionary's room), or empty.
                    const auto pick = random() % 20;
                    o.key.push_back(pick == 0   ? std::string()
                                    : pick == 1 ? "v" + std::to_string(random() % 100000)
                                                : "c" + std::to_string(random() % 5));
                }
                o.value = random() % 10 == 0 ? std::string() : std::string(random() % 200, 'x') + std::to_string(i);
                const std::size_t attributes = random() % 3;
                for (std::size_t a = 0; a < attributes; ++a)
                    o.attributes.push_back("note " + std::to_string(random() % 50));
                const std::uint64_t line = lines_in_order
                                               ? (std::uint64_t{3} << 48) + static_cast<std::uint64_t>(i / 2)
                                               : (static_cast<std::uint64_t>(i) * 7919) % 100003;  // distinct
                input.push_back({o, line});
                sorter.add(o, line);
            }
            std::vector<Entry> replayed;
            std::vector<std::pair<std::uint64_t, std::uint64_t>> duplicates;
            sorter.replay(
                [&](const Observation& o) {
                    replayed.push_back({o, 0});
                },
                [&](const Observation& kept, std::uint64_t first, const Observation& o, std::uint64_t line) {
                    EXPECT_EQ(kept.key, o.key);
                    duplicates.emplace_back(first, line);
                });
            std::stable_sort(input.begin(), input.end(), [](const Entry& a, const Entry& b) {
                if (a.observation.key != b.observation.key) return a.observation.key < b.observation.key;
                return a.line < b.line;
            });
            std::vector<Entry> unique;
            std::size_t expected_duplicates = 0;
            for (const auto& e : input) {
                if (unique.empty() || unique.back().observation.key != e.observation.key) {
                    unique.push_back(e);
                } else {
                    ++expected_duplicates;
                }
            }
            SCOPED_TRACE("budget " + std::to_string(budget) + (lines_in_order ? ", lines in order" : ""));
            ASSERT_EQ(replayed.size(), unique.size());
            EXPECT_EQ(duplicates.size(), expected_duplicates);
            for (std::size_t i = 0; i < unique.size(); ++i) {
                EXPECT_EQ(replayed[i].observation.key, unique[i].observation.key) << i;
                EXPECT_EQ(replayed[i].observation.value, unique[i].observation.value) << i;
                EXPECT_EQ(replayed[i].observation.attributes, unique[i].observation.attributes) << i;
            }
            // Series numbers (what the writers trust instead of comparing keys) change
            // exactly where the texts of the series key (all but the last value) change.
            for (std::size_t i = 0; i < replayed.size(); ++i) {
                const auto& o = replayed[i].observation;
                ASSERT_NE(o.series, 0u) << i;
                if (i == 0) continue;
                const auto& p = replayed[i - 1].observation;
                const bool same_series =
                    p.key.size() == o.key.size() && std::equal(o.key.begin(), o.key.end() - 1, p.key.begin());
                EXPECT_EQ(o.series == p.series, same_series) << i;
            }
            if (budget < 10000) EXPECT_GT(sorter.runs_spilled(), 2u);
            if (budget > 10000) EXPECT_EQ(sorter.runs_spilled(), 0u);
        }
    }
}

TEST(SeriesSorter, AMillionSmallObservationsFitFortyMebibytes) {
    // Six codes, a unit and a short value, as a 10^6-observation table gives: the
    // compact records (with their sort's keys) keep them in 40 MiB (spilling would
    // write and merge runs).
    test::ScratchDirectory scratch;
    SeriesSorter sorter(scratch.path(), std::size_t{40} << 20);
    Observation o;
    o.key = {"D", "HOUSEHOLDS", "", "F", "Y0T4", ""};
    o.attributes = {"HH"};
    for (int i = 0; i < 1000000; ++i) {
        o.key[2] = "SITE_" + std::to_string(i % 500);
        o.key[5] = "2020-01-" + std::to_string(10 + i / 20000);
        o.value = std::to_string(i % 100000 / 100.0).substr(0, 6);
        sorter.add(o, static_cast<std::uint64_t>(i / 2 + 2));
    }
    EXPECT_EQ(sorter.runs_spilled(), 0u);
}

namespace {

// Bytes the process has allocated now (malloc's small and mapped chunks).
std::size_t heap_in_use() {
    const struct mallinfo2 info = ::mallinfo2();
    return info.uordblks + info.hblkhd;
}

std::size_t open_files() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
    return count;
}

}  // namespace

// Memory flat whatever the input's length: hundreds of spilled runs waiting to be
// merged hold no blocks, and they are merged as they pile up, so neither memory nor
// open files grow with them; the result is still every observation in series order.
TEST(SeriesSorter, MemoryAndOpenFilesStayFlatAsRunsPileUp) {
    test::ScratchDirectory scratch;
    constexpr std::size_t kBudget = std::size_t{64} << 10;
    const std::size_t files_before = open_files();
    std::size_t heap_after_first_runs = 0, most_files = 0;
    {
        SeriesSorter sorter(scratch.path(), kBudget);
        Observation o;
        o.attributes = {"HH"};
        constexpr int kRows = 400000;
        for (int i = 0; i < kRows; ++i) {
            o.key = {"SITE_" + std::to_string(i % 500), "2020-01-" + std::to_string(10 + i / 20000)};
            o.value = std::to_string(i % 1000);
            sorter.add(o, static_cast<std::uint64_t>(i) + 2);
            if (i == kRows / 10) heap_after_first_runs = heap_in_use();
            if (i % 1000 == 0) most_files = std::max(most_files, open_files());
        }
        EXPECT_GT(sorter.runs_spilled(), 150u);
        // Before: a 64 KiB block per waiting run, over 9 MiB here; and one open file each.
        EXPECT_LT(heap_in_use(), heap_after_first_runs + kBudget * 4);
        EXPECT_LT(most_files, files_before + 40);
        std::uint64_t count = 0, in_order = 0;
        std::vector<std::string> previous_key;
        sorter.replay(
            [&](const Observation& observation) {
                if (count > 0 && previous_key <= observation.key) ++in_order;
                previous_key = observation.key;
                ++count;
            },
            [](const Observation&, std::uint64_t, const Observation&, std::uint64_t) {});
        EXPECT_EQ(count, 500u * 20u);  // 500 sites x 20 days: the rest were duplicates
        EXPECT_EQ(in_order, count - 1);
    }
    EXPECT_EQ(open_files(), files_before);
}

TEST(SeriesSorter, RecordsLargerThanARunBlockSpillAndMergeWhole) {
    // Runs are written and read in 64 KiB blocks: a record of a long text value
    // (a free-text attribute, a comment cell) must cross block ends intact.
    test::ScratchDirectory scratch;
    SeriesSorter sorter(scratch.path(), 64 * 1024);
    std::vector<Observation> added;
    for (int i = 0; i < 40; ++i) {
        Observation o;
        o.key = {"S" + std::to_string(i % 5), std::to_string(2000 + i)};
        o.value = std::to_string(i);
        o.attributes = {std::string(static_cast<std::size_t>(1000 + (i % 7) * 30000), static_cast<char>('a' + i % 26))};
        added.push_back(o);
        sorter.add(o, static_cast<std::uint64_t>(i + 2));
    }
    EXPECT_GT(sorter.runs_spilled(), 5u);
    std::vector<Observation> expected = added;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const Observation& a, const Observation& b) { return a.key < b.key; });
    std::vector<Observation> replayed;
    sorter.replay([&](const Observation& o) { replayed.push_back(o); },
                  [](const Observation&, std::uint64_t, const Observation&, std::uint64_t) { FAIL(); });
    ASSERT_EQ(replayed.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(replayed[i].key, expected[i].key) << i;
        EXPECT_EQ(replayed[i].value, expected[i].value) << i;
        EXPECT_EQ(replayed[i].attributes, expected[i].attributes) << i;
    }
}

// The tracker every series-writing format asks per observation: a series number,
// when the producer gave one, decides alone; without one the key texts do.
TEST(SeriesTracker, SeriesNumbersDecideWhenGivenAndKeyTextsOtherwise) {
    auto observation = [](std::vector<std::string> key, std::uint64_t series) {
        Observation o;
        o.key = std::move(key);
        o.series = series;
        return o;
    };
    SeriesTracker numbered;
    EXPECT_TRUE(numbered.starts_series(observation({"A", "X", "2020"}, 1)));
    EXPECT_FALSE(numbered.starts_series(observation({"A", "X", "2021"}, 1)));
    // The number, not the texts: the producer compared ids.
    EXPECT_FALSE(numbered.starts_series(observation({"A", "Y", "2022"}, 1)));
    EXPECT_TRUE(numbered.starts_series(observation({"A", "Y", "2023"}, 2)));
    // Numbers gone: the texts decide, from a new series.
    EXPECT_TRUE(numbered.starts_series(observation({"A", "Y", "2024"}, 0)));
    EXPECT_FALSE(numbered.starts_series(observation({"A", "Y", "2025"}, 0)));
    EXPECT_TRUE(numbered.starts_series(observation({"A", "Z", "2025"}, 0)));
    // And back to numbers: a new series whatever the number.
    EXPECT_TRUE(numbered.starts_series(observation({"A", "Z", "2026"}, 2)));

    SeriesTracker unnumbered;
    EXPECT_TRUE(unnumbered.starts_series(observation({"A", "X", "2020"}, 0)));
    EXPECT_FALSE(unnumbered.starts_series(observation({"A", "X", "2021"}, 0)));
    EXPECT_TRUE(unnumbered.starts_series(observation({"B", "X", "2021"}, 0)));
    EXPECT_TRUE(unnumbered.starts_series(observation({"B", "X", "X", "2021"}, 0)));
}

}  // namespace csdmx::sdmx
