#include "tabulation/text_ids.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csdmx::mapping {

// Every text added is found with its id, through several rehashes; texts that only
// share a prefix, differ past the first eight bytes or are empty are told apart;
// a text not added is not found.
TEST(TextIds, FindsEachTextAddedAndNoOther) {
    TextIds ids;
    std::vector<std::string> texts = {"",
                                      "a",
                                      "ab",
                                      "Region 1",
                                      "Region 10",
                                      "Region 1 ",
                                      "abcdefgh",
                                      "abcdefghi",
                                      std::string("abcdefgh\0i", 10),
                                      std::string("x\0y", 3),
                                      std::string(40, 'z')};
    for (int i = 0; i < 3000; ++i) texts.push_back("code-" + std::to_string(i * 7919));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        ASSERT_EQ(ids.find(texts[i]), TextIds::kNone) << texts[i];
        ids.add(texts[i], static_cast<std::uint32_t>(i * 3));
    }
    EXPECT_EQ(ids.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(ids.find(texts[i]), i * 3) << texts[i];
    EXPECT_EQ(ids.find("Region 2"), TextIds::kNone);
    EXPECT_EQ(ids.find(std::string(41, 'z')), TextIds::kNone);
    EXPECT_EQ(ids.find(std::string("x\0z", 3)), TextIds::kNone);
}

}  // namespace csdmx::mapping
