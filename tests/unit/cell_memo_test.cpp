#include "package/cell_memo.h"

#include <gtest/gtest.h>

#include <string>

namespace csdmx::package {

TEST(CellMemo, RemembersFineCellsAndGivesUpOnColumnsThatSeldomRepeat) {
    CellMemo codes;
    EXPECT_EQ(codes.find(" Dowa "), nullptr);
    codes.keep(" Dowa ", "Dowa", true, false);
    for (int i = 0; i < 10000; ++i) {
        const MemoisedCell* seen = codes.find(i % 2 ? " Dowa " : "Kasungu");
        if (i % 2 == 0) {
            if (seen == nullptr) codes.keep("Kasungu", "Kasungu", false, false);
            continue;
        }
        ASSERT_NE(seen, nullptr) << i;
        EXPECT_EQ(seen->value, "Dowa");
        EXPECT_TRUE(seen->padded);
    }
    EXPECT_TRUE(codes.enabled());

    // Texts longer than kMaxRawBytes are never remembered.
    const std::string long_text(CellMemo::kMaxRawBytes + 1, 'x');
    EXPECT_EQ(codes.find(long_text), nullptr);
    codes.keep(long_text, long_text, false, false);
    EXPECT_EQ(codes.find(long_text), nullptr);

    // A column of distinct values stops asking after its trial, even when the
    // trial's last lookup happens to be a repeat.
    CellMemo measures;
    for (int i = 0; i + 1 < 4096; ++i) {
        const std::string text = std::to_string(i);
        if (measures.find(text) == nullptr) measures.keep(text, text, false, false);
    }
    EXPECT_TRUE(measures.enabled());
    EXPECT_EQ(measures.find("4094"), nullptr);  // the 4,096th lookup: a repeat, but too late
    EXPECT_FALSE(measures.enabled());
    measures.keep("1", "1", false, false);
    EXPECT_EQ(measures.find("1"), nullptr);
}

}  // namespace csdmx::package
