// Disclosure control explains itself (issue 19, point 7): which small group made
// the secondary suppressions necessary, and every suppressed cell with its records.
#include <gtest/gtest.h>

#include "tabulation/disclosure_control.h"

namespace csdmx::mapping {

TEST(DisclosureExplanation, SaysWhichGroupCausedTheSecondarySuppression) {
    // One line by SEX with a total; the missing/refused group rests on 4 records.
    std::vector<ProtectedCell> cells = {
        {{"F", "2024"}, 40, 'F'}, {{"M", "2024"}, 25, 'F'}, {{"_X", "2024"}, 4, 'F'}, {{"_T", "2024"}, 69, 'F'}};
    auto counts = apply_disclosure_control(cells, 10, {0}, true);
    EXPECT_EQ(counts.primary, 1u);
    EXPECT_EQ(counts.secondary, 1u);
    ASSERT_EQ(counts.cells.size(), 2u);
    EXPECT_EQ(counts.cells[1].key, (std::vector<std::string>{"M", "2024"}));  // the smallest sibling
    EXPECT_EQ(counts.cells[1].protects, (std::vector<std::string>{"_X", "2024"}));

    const std::vector<std::string> ids = {"SEX"};
    EXPECT_EQ(describe_secondary_causes(counts, ids), "SEX=_X, 2024 (4 records) by 1 cell(s)");
    const auto listing = list_suppressed_cells(counts, ids);
    EXPECT_NE(listing.find("A  SEX=_X, 2024  4 records\n"), std::string::npos) << listing;
    EXPECT_NE(listing.find("D  SEX=M, 2024  25 records  protects SEX=_X, 2024\n"), std::string::npos) << listing;
}

TEST(DisclosureExplanation, NothingToExplainWithoutSecondarySuppression) {
    std::vector<ProtectedCell> cells = {{{"F", "2024"}, 4, 'F'}, {{"M", "2024"}, 25, 'F'}};
    auto counts = apply_disclosure_control(cells, 10, {}, true);
    EXPECT_EQ(counts.primary, 1u);
    EXPECT_EQ(describe_secondary_causes(counts, {"SEX"}), "");
}

}  // namespace csdmx::mapping
