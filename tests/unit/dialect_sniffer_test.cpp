#include "package/dialect_sniffer.h"

#include <gtest/gtest.h>

namespace csdmx::package {

TEST(DialectSniffer, FindsEachCommonDelimiter) {
    EXPECT_EQ(sniff_delimiter("a,b,c\n1,2,3\n4,5,6\n").delimiter, ',');
    EXPECT_EQ(sniff_delimiter("a;b;c\n1,5;2;3\n4;5,5;6\n").delimiter, ';');  // decimal commas in values
    EXPECT_EQ(sniff_delimiter("a\tb\tc\n1\t2\t3\n").delimiter, '\t');
    EXPECT_EQ(sniff_delimiter("a|b|c\n1|2|3\n").delimiter, '|');
}

TEST(DialectSniffer, IgnoresDelimitersInsideQuotesIncludingHeaderLineBreaks) {
    auto sniffed = sniff_delimiter("\"name; full\",\"age\nyears\"\n\"Ng; A\",3\n\"Bo; C\",4\n");
    EXPECT_EQ(sniffed.delimiter, ',');
    EXPECT_TRUE(sniffed.confident);
}

TEST(DialectSniffer, SaysWhenLinesDisagree) {
    auto sniffed = sniff_delimiter("a,b\n1\n2,3,4,5\nx\n");
    EXPECT_FALSE(sniffed.confident);
}

}  // namespace csdmx::package
