#include "sdmx/ids.h"

#include <gtest/gtest.h>

#include "sdmx/values.h"

namespace csdmx::sdmx {

TEST(Ids, ChecksSdmxIdentifiers) {
    EXPECT_TRUE(is_sdmx_id("CL_AREA"));
    EXPECT_TRUE(is_sdmx_id("_T"));
    EXPECT_TRUE(is_sdmx_id("IAEG-SDGs"));
    EXPECT_FALSE(is_sdmx_id(""));
    EXPECT_FALSE(is_sdmx_id("two words"));
    EXPECT_FALSE(is_sdmx_id("a.b"));
    EXPECT_TRUE(is_agency_id("NSO_MW"));
    EXPECT_FALSE(is_agency_id("1NSO"));
}

TEST(Ids, MakesIdsFromFreeText) {
    EXPECT_EQ(to_sdmx_id("Lilongwe Urban"), "LILONGWE_URBAN");
    EXPECT_EQ(to_sdmx_id("  with disability "), "WITH_DISABILITY");
    EXPECT_EQ(to_sdmx_id("10-19"), "10_19");
    EXPECT_EQ(to_sdmx_id("<10"), "10");
    EXPECT_EQ(to_sdmx_id("São Tomé"), "S_O_TOM");
    EXPECT_EQ(to_sdmx_id("***"), "");
}

TEST(CodeAssigner, GivesDistinctValuesDistinctCodesInOrderOfAppearance) {
    CodeAssigner codes;
    EXPECT_EQ(codes.code_for("Old Town"), "OLD_TOWN");
    EXPECT_EQ(codes.code_for("old town"), "OLD_TOWN_2");  // same id after upper-casing
    EXPECT_EQ(codes.code_for("Old Town"), "OLD_TOWN");    // stable
    EXPECT_EQ(codes.code_for("***"), "V");
    ASSERT_EQ(codes.assigned().size(), 3u);
    EXPECT_EQ(codes.assigned()[1].first, "old town");
}

TEST(CodeAssigner, PresetCodesWinAndAreNeverReusedForOtherValues) {
    CodeAssigner codes;
    codes.preset("female", "F");
    codes.preset("Female", "F");
    EXPECT_EQ(codes.code_for("female"), "F");
    EXPECT_EQ(codes.code_for("Female"), "F");
    EXPECT_EQ(codes.code_for("f"), "F_2");  // "F" belongs to the preset
}

// Values already written as SDMX codes (common:IDType, [A-Za-z0-9_@$\-]+ in
// SDMXCommon.xsd, without lower case) are codes: `_T`, `_O`, `_U` are the SDMX
// total, other and unknown, and must not become T, O, U.
TEST(CodeAssigner, ValuesAlreadyInCodeFormPassUnchanged) {
    CodeAssigner codes;
    for (const char* code : {"_T", "_O", "_U", "_Z", "F", "MW-BL", "10-19", "A@B$C"}) {
        EXPECT_EQ(codes.code_for(code), code);
    }
    EXPECT_EQ(codes.code_for("female"), "FEMALE");  // free text is still turned into a code
    EXPECT_EQ(codes.code_for("10 - 19"), "10_19");
    EXPECT_FALSE(is_code_form("_t"));
    EXPECT_FALSE(is_code_form("A B"));
}

// With CodeIdCase::keep every valid SDMX id passes unchanged, lower case included;
// only what is not an id (spaces, accents, punctuation) is still turned into one.
TEST(CodeAssigner, KeepPassesEveryValidIdUnchanged) {
    CodeAssigner codes(CodeIdCase::keep);
    for (const char* code : {"female", "Female", "_T", "_t", "mw-bl", "A@B$C"}) {
        EXPECT_EQ(codes.code_for(code), code);
    }
    EXPECT_EQ(codes.code_for("Lilongwe Urban"), "LILONGWE_URBAN");
    EXPECT_EQ(parse_code_id_case("keep"), CodeIdCase::keep);
    EXPECT_EQ(parse_code_id_case("upper"), CodeIdCase::upper);
    EXPECT_FALSE(parse_code_id_case("Keep").has_value());
}

TEST(CodeAssigner, AReservedCodeIsNeverGivenToAValue) {
    CodeAssigner codes;
    codes.reserve("_T");  // where totals are computed, "_T" is the total
    EXPECT_EQ(codes.code_for("_T"), "_T_2");
    EXPECT_EQ(codes.code_for("F"), "F");
}

TEST(Values, RecognisesXmlSchemaDoubles) {
    for (const char* text : {"12", "-3.5", ".5", "5.", "1e6", "1.5E-3", "NaN", "INF", "-INF", "+4"}) {
        EXPECT_TRUE(is_double_lexical(text)) << text;
    }
    for (const char* text : {"", ".", "1,5", "1e", "nan", "inf", "+INF", "1.2.3", " 1", "12a"}) {
        EXPECT_FALSE(is_double_lexical(text)) << text;
    }
}

}  // namespace csdmx::sdmx
