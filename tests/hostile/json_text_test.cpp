// The pieces under the hostile-package checks: the JSON text checker, the linear-time
// pattern, the printable diagnostic text. Facts come from the JSON and UTF-8
// specifications (RFC 8259, RFC 3629) and from nlohmann's own reading of the same text.
#include "package/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/input_limits.h"
#include "package/text_pattern.h"

namespace csdmx::package {

namespace {

Diagnostics checked(const std::string& text) {
    Diagnostics diagnostics;
    check_json_text(text, "f.json", diagnostics);
    return diagnostics;
}

std::string first(const Diagnostics& diagnostics) {
    return diagnostics.items().empty() ? "" : format_diagnostic(diagnostics.items().front());
}

}  // namespace

TEST(JsonText, NestingUpToTheLimitPassesAndOneMoreIsReportedAtItsBracket) {
    const std::size_t depth = limits::kMaxNestingDepth;
    EXPECT_FALSE(checked(std::string(depth, '[') + std::string(depth, ']')).has_errors());
    auto deeper = checked("\n  " + std::string(depth + 1, '[') + std::string(depth + 1, ']'));
    EXPECT_EQ(first(deeper), "f.json:2:" + std::to_string(3 + depth) +
                                 ": error: JSON nested deeper than 100 levels; expected a flatter structure");
}

TEST(JsonText, BracketsInsideStringsAreText) {
    const std::string brackets(5000, '[');
    EXPECT_FALSE(checked("{\"a\": \"" + brackets + "\\\"" + brackets + "\"}").has_errors());
}

TEST(JsonText, NumbersBeyondADoubleAreReportedAndOthersAreNot) {
    EXPECT_EQ(first(checked("{\"n\": 1e400}")),
              "f.json:1:7: error: the number 1e400 is out of range; expected a number "
              "within ±1.8e308");
    EXPECT_TRUE(checked("[-1.5E+309]").has_errors());
    EXPECT_TRUE(checked("[" + std::string(400, '9') + "]").has_errors());
    // nlohmann reads these without complaint; so must we.
    for (const char* fine : {"[1e308]", "[1e-400]", "[18446744073709551615]", "[-9223372036854775808]", "[0.5]"}) {
        EXPECT_FALSE(checked(fine).has_errors()) << fine;
        EXPECT_NO_THROW({ auto parsed = nlohmann::json::parse(fine); }) << fine;
    }
    EXPECT_THROW({ auto parsed = nlohmann::json::parse("[1e400]"); }, nlohmann::json::exception);
}

TEST(JsonText, RepeatedNamesAreFoundAsJsonDecodesThem) {
    auto twice = checked("{\"a\": 1,\n \"b\": {\"a\": 2},\n \"\\u0061\": 3}");
    ASSERT_EQ(twice.error_count(), 1u);
    EXPECT_EQ(first(twice),
              "f.json:3:2: error: the member \"a\" appears twice in this object (first on line 1); expected each "
              "name once, as only one value can be kept");
    // nlohmann decodes the escape to the same name (and silently keeps the last value).
    EXPECT_EQ(nlohmann::json::parse("{\"a\": 1, \"\\u0061\": 3}").size(), 1u);
    // The same name in sibling objects, and as a value, is fine.
    EXPECT_FALSE(checked("[{\"a\": 1}, {\"a\": \"a\"}]").has_errors());
    // A surrogate pair is one character: two different pairs are different names.
    EXPECT_FALSE(checked("{\"\\ud83d\\ude00\": 1, \"\\ud83d\\ude01\": 2}").has_errors());
    EXPECT_TRUE(checked("{\"\\ud83d\\ude00\": 1, \"\xF0\x9F\x98\x80\": 2}").has_errors());
}

TEST(JsonText, BrokenJsonIsLeftToTheParser) {
    for (const char* broken : {"{\"a\": ", "[\"never closed", "]]]]", "{\"a\" 1 2 3}", "\"\\u12"}) {
        EXPECT_NO_THROW(checked(broken)) << broken;
    }
}

TEST(TextPattern, IsLinearOnLongInputAndAnchoredForTableSchema) {
    TextPattern letters("[A-Za-z]+");
    ASSERT_TRUE(letters.valid());
    const std::string long_text(1000000, 'a');
    EXPECT_TRUE(letters.full_match(long_text));
    EXPECT_FALSE(letters.full_match(long_text + "1"));
    EXPECT_TRUE(letters.partial_match("12a34"));
    EXPECT_FALSE(letters.full_match("12a34"));
    TextPattern backreference("(a)\\1");
    EXPECT_FALSE(backreference.valid());
    EXPECT_FALSE(backreference.error().empty());
}

TEST(PrintableText, ControlCharactersAndBadBytesAreShownNotSent) {
    EXPECT_EQ(printable_text("Zomba"), "Zomba");
    EXPECT_EQ(printable_text("Lilongw\xC3\xA9"), "Lilongw\xC3\xA9");
    EXPECT_EQ(printable_text("a\x1B[31mb"), "a\\x1B[31mb");
    EXPECT_EQ(printable_text("a\r\nb\tc"), "a\\r\\nb\\tc");
    EXPECT_EQ(printable_text("cut \xC3"), "cut \\xC3");
    EXPECT_EQ(printable_text("\xFF\xFE"), "\\xFF\\xFE");
    EXPECT_EQ(printable_text("\xC2\x9B"
                             "2J"),
              "\\u009B2J");  // C1 CSI
    EXPECT_EQ(printable_text("\xE2\x80\xAE"
                             "txt"),
              "\\u202Etxt");                                       // right-to-left override
    EXPECT_EQ(printable_text("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // a UTF-16 surrogate is not UTF-8
    EXPECT_EQ(printable_text("\xC0\xAF"), "\\xC0\\xAF");           // overlong '/'
    // What comes out is valid UTF-8: nlohmann serialises it without throwing.
    EXPECT_NO_THROW((void)nlohmann::json(printable_text("\xC3(\xA0\xA1\xF0\x28\x8C\xBC")).dump());
}

TEST(PrintableText, DiagnosticsAreMadePrintableAndShortWhenAdded) {
    Diagnostics diagnostics;
    diagnostics.error_at("f\x1B.csv", 1, 1, "found \"" + std::string(100000, 'x') + "\x1B\"");
    const auto& added = diagnostics.items().front();
    EXPECT_EQ(added.file, "f\\x1B.csv");
    EXPECT_LT(added.message.size(), 5000u);
    EXPECT_NE(added.message.find("bytes in all)"), std::string::npos);
}

}  // namespace csdmx::package
