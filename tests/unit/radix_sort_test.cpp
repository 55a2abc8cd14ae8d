// radix_sort_bits against std::stable_sort on the same bits: random values, bit
// ranges that are empty, narrower than a digit, a digit and a half, all 64 bits,
// and arrays where one digit is the same everywhere (a pass that moves nothing).
#include "sdmx/radix_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace csdmx::sdmx {
namespace {

SortKeys reference(SortKeys values, unsigned low_bit, unsigned bits) {
    auto field = [&](std::uint64_t value) {
        const std::uint64_t shifted = low_bit >= 64 ? 0 : value >> low_bit;
        return bits >= 64 ? shifted : shifted & ((std::uint64_t{1} << bits) - 1);
    };
    std::stable_sort(values.begin(), values.end(),
                     [&](std::uint64_t a, std::uint64_t b) { return field(a) < field(b); });
    return values;
}

TEST(RadixSort, SortsStablyOnTheGivenBitsAsStableSortDoes) {
    std::mt19937_64 random(15);
    const std::pair<unsigned, unsigned> ranges[] = {{0, 0},  {0, 1},   {0, 11}, {0, 12}, {20, 17},
                                                    {5, 30}, {40, 24}, {0, 64}, {63, 1}, {60, 10}};
    for (const auto& [low_bit, bits] : ranges) {
        for (const std::size_t size : {0u, 1u, 2u, 3u, 100u, 5000u}) {
            for (const std::uint64_t spread : {std::uint64_t{3}, std::uint64_t{1} << 20, ~std::uint64_t{0}}) {
                SortKeys values(size);
                for (auto& value : values) value = random() % (spread == ~std::uint64_t{0} ? spread : spread + 1);
                // Rotate the spread into the sorted range too, so digits vary there.
                for (auto& value : values) value = (value << (low_bit % 64)) | (random() & 0xFF);
                SortKeys sorted = values;
                SortKeys scratch;
                radix_sort_bits(sorted, low_bit, bits, scratch);
                ASSERT_EQ(sorted, reference(values, low_bit, bits))
                    << "low_bit " << low_bit << " bits " << bits << " size " << size;
            }
        }
    }
}

TEST(RadixSort, KeepsInputOrderOfEqualKeysAsTheSeriesSorterNeeds) {
    // Key in the high bits, input index in the low 20: the order of the indexes of
    // equal keys must stay ascending.
    std::mt19937_64 random(3);
    SortKeys values;
    for (std::uint64_t index = 0; index < 100000; ++index) values.push_back(((random() % 50) << 20) | index);
    SortKeys scratch;
    radix_sort_bits(values, 20, 6, scratch);
    EXPECT_TRUE(std::is_sorted(values.begin(), values.end()));  // key, then index: fully sorted
}

}  // namespace
}  // namespace csdmx::sdmx
