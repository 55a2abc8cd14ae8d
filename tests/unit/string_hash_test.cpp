// core/string_hash.h: same_text against std::string_view's own equality, at every
// length it treats apart (0-3, 4-7, 8-16, longer) and a difference at every byte.
#include "core/string_hash.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace csdmx {
namespace {

TEST(SameText, AgreesWithStringEqualityAtEveryLengthAndEveryDifferingByte) {
    std::mt19937 random(17);
    std::size_t compared = 0;
    for (std::size_t size = 0; size <= 40; ++size) {
        std::string a(size, '\0');
        for (auto& byte : a) byte = static_cast<char>(random());
        EXPECT_TRUE(same_text(a, a));
        EXPECT_TRUE(same_text(a, std::string(a)));  // equal bytes at another address
        for (std::size_t at = 0; at < size; ++at) {
            std::string b = a;
            b[at] = static_cast<char>(b[at] ^ (1 << (random() % 8)));
            EXPECT_EQ(same_text(a, b), std::string_view(a) == std::string_view(b)) << size << " " << at;
            EXPECT_FALSE(same_text(a, b));
            ++compared;
        }
        // Different lengths, one a prefix of the other.
        if (size > 0) {
            EXPECT_FALSE(same_text(a, std::string_view(a).substr(0, size - 1)));
        }
    }
    EXPECT_EQ(compared, 820U);
}

TEST(SameText, ComparesViewsInsideLargerBuffersWithoutLookingPastThem) {
    // Views of equal bytes followed by different bytes: only the views count.
    const std::string left = "codeXYZ";
    const std::string right = "codeABC";
    EXPECT_TRUE(same_text(std::string_view(left).substr(0, 4), std::string_view(right).substr(0, 4)));
    EXPECT_TRUE(same_text(std::string_view(left).substr(0, 2), std::string_view(right).substr(0, 2)));
    const std::string long_left = "0123456789abcdefXX";
    const std::string long_right = "0123456789abcdefYY";
    EXPECT_TRUE(same_text(std::string_view(long_left).substr(0, 16), std::string_view(long_right).substr(0, 16)));
    EXPECT_FALSE(same_text(long_left, long_right));
}

}  // namespace
}  // namespace csdmx
