// Hostile mapping files: deep nesting and alias bombs are located errors, not a
// crash or an exhausted memory.
#include <gtest/gtest.h>

#include "core/input_limits.h"
#include "mappings/dsd_mapping.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

std::string read_mapping(const ScratchDirectory& scratch, const std::string& text) {
    write_file(scratch / "mapping.yaml", text);
    Diagnostics diagnostics;
    EXPECT_FALSE(mapping::read_dsd_mapping(scratch / "mapping.yaml", diagnostics).has_value());
    std::string listing;
    for (const auto& d : diagnostics.items()) listing += format_diagnostic(d) + "\n";
    return listing;
}

}  // namespace

TEST(HostileMapping, NestingBeyondTheLimitIsALocatedError) {
    ScratchDirectory scratch;
    const std::size_t depth = limits::kMaxNestingDepth + 5;
    const std::string listing =
        read_mapping(scratch, "dsd: A:B(1.0)\nrows: " + std::string(depth, '[') + std::string(depth, ']') + "\n");
    // Line 2; the bracket one past the limit (the root map is the first level).
    EXPECT_NE(listing.find("mapping.yaml:2:" + std::to_string(6 + limits::kMaxNestingDepth) +
                           ": error: YAML nested deeper than"),
              std::string::npos)
        << listing;
}

TEST(HostileMapping, TenThousandLevelsAreRefusedByTheParser) {
    ScratchDirectory scratch;
    const std::string listing = read_mapping(scratch, "rows: " + std::string(10000, '[') + "\n");
    EXPECT_NE(listing.find("mapping.yaml:"), std::string::npos) << listing;
    EXPECT_NE(listing.find("error: not valid YAML"), std::string::npos) << listing;
}

TEST(HostileMapping, AnAliasBombIsRefused) {
    ScratchDirectory scratch;
    // Each level names the previous one nine times: 9^9 values from a few lines.
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 9; ++i) {
        const std::string p = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + p + ", " + p + ", " + p + ", " + p +
                ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + "]\n";
    }
    const std::string listing = read_mapping(scratch, text);
    EXPECT_NE(listing.find("counting each use of an alias"), std::string::npos) << listing;
}

TEST(HostileMapping, AListAsAKeyIsALocatedError) {
    ScratchDirectory scratch;
    const std::string listing = read_mapping(scratch, "? [a, b]\n: c\n");
    EXPECT_NE(listing.find("mapping.yaml:"), std::string::npos) << listing;
}

TEST(HostileMapping, AValueThatIsNotUtf8IsALocatedError) {
    ScratchDirectory scratch;
    // A Latin-1 byte (0xE9) in a title, and a cut three-byte sequence in a key: found by
    // fuzz_yaml_mapping (the JSON writer threw; valijson read out of bounds).
    const std::string listing = read_mapping(scratch, "citizen_sdmx_mapping: \"1.0\"\ntitle: \"caf\xE9\"\n");
    EXPECT_NE(listing.find("mapping.yaml:2:8: error: a value that is not valid UTF-8"), std::string::npos) << listing;
    const std::string cut = read_mapping(scratch, "citizen_sdmx_mapping: \"1.0\"\n\xE2\x82: x\n");
    EXPECT_NE(cut.find("mapping.yaml:2:1: error: a value that is not valid UTF-8"), std::string::npos) << cut;
}

}  // namespace csdmx::test
