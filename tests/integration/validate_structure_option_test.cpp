// validate --structure BAD.xml says why (issue 20): before, exit 2 with "0 of 0
// message(s) valid" and no reason. The oracle for "what was expected" is the
// official SDMX-ML 2.1 schema (SDMXMessage.xsd, through Xerces-C).
#include <gtest/gtest.h>

#include <regex>

#include "tests/test_support.h"

namespace csdmx::test {

namespace {

class ValidateStructureOption : public ::testing::Test {
protected:
    void SetUp() override {
        const auto shared = shared_directory();
        if (!shared) GTEST_SKIP() << "../shared is absent; set CITIZEN_SDMX_SHARED";
        schemas_ = *shared / "sdmx/schemas";
        auto converted = run_command(
            tool() + " convert " +
            shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) +
            " --out " + shell_quote((scratch_ / "out").string()) + " --quiet");
        ASSERT_EQ(converted.exit_code, 0) << converted.output;
        structure_ = read_file(scratch_ / "out/DF_HEALTH_ACCESS_BARRIERS-structure.xml");
    }

    CommandResult validate_with(const std::string& structure_text) {
        write_file(scratch_ / "BAD.xml", structure_text);
        return run_command(
            tool() + " validate --schemas " + shell_quote(schemas_.string()) + " --structure " +
            shell_quote((scratch_ / "BAD.xml").string()) + " " +
            shell_quote((scratch_ / "out/DF_HEALTH_ACCESS_BARRIERS-data-structurespecific.xml").string()));
    }

    // FILE:LINE:COLUMN: error: ... about BAD.xml
    static bool located(const std::string& output) {
        return std::regex_search(output, std::regex(R"(BAD\.xml:[0-9]+:[0-9]+: error: )"));
    }

    ScratchDirectory scratch_;
    std::filesystem::path schemas_;
    std::string structure_;
};

}  // namespace

TEST_F(ValidateStructureOption, ATruncatedFileIsLocated) {
    auto result = validate_with(structure_.substr(0, structure_.size() / 2));
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(located(result.output)) << result.output;
}

TEST_F(ValidateStructureOption, ASchemaErrorSaysWhatWasExpectedWhere) {
    // Without its Header the message breaks the schema's content model of Structure.
    const auto start = structure_.find("<message:Header>");
    const auto end = structure_.find("</message:Header>");
    ASSERT_NE(start, std::string::npos);
    std::string headless = structure_;
    headless.erase(start, end + std::string("</message:Header>").size() - start);
    auto result = validate_with(headless);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(located(result.output)) << result.output;
    EXPECT_NE(result.output.find("(Header,Structures?,Footer?)"), std::string::npos) << result.output;

    // An element the schema does not declare, silently ignored before.
    std::string extra = structure_;
    extra.insert(extra.find("<message:Structures>") + std::string("<message:Structures>").size(), "<structure:Bogus/>");
    result = validate_with(extra);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(located(result.output)) << result.output;
    EXPECT_NE(result.output.find("structure:Bogus"), std::string::npos) << result.output;
}

TEST_F(ValidateStructureOption, ADataMessageGivenAsStructureIsNamedAsSuch) {
    auto result = validate_with(read_file(scratch_ / "out/DF_HEALTH_ACCESS_BARRIERS-data-structurespecific.xml"));
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("BAD.xml: error: given with --structure, but it is structure-specific data"),
              std::string::npos)
        << result.output;
}

TEST_F(ValidateStructureOption, AValidStructureFileStillServes) {
    auto result = validate_with(structure_);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("1 of 1 message(s) valid"), std::string::npos) << result.output;
}

}  // namespace csdmx::test
