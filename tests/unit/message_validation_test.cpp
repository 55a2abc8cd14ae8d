#include <gtest/gtest.h>

#include <chrono>

#include "core/diagnostic.h"
#include "sdmx/validation/message_validator.h"
#include "tests/test_support.h"

namespace csdmx::sdmx {

namespace {

std::filesystem::path ecb(const std::filesystem::path& shared, const std::string& relative) {
    return shared / "sdmx/samples/2.1/exr/ecb_exr_ng" / relative;
}

ValidateOptions options_for(const std::filesystem::path& shared, std::vector<std::filesystem::path> structures = {}) {
    ValidateOptions options;
    options.schemas = shared / "sdmx/schemas";
    options.structure_files = std::move(structures);
    return options;
}

std::string describe(const FileReport& report) {
    std::string text = report.file.string() + (report.valid ? " valid" : " NOT valid") + "\n";
    for (const auto& d : report.diagnostics.items()) text += "  " + format_diagnostic(d) + "\n";
    return text;
}

bool mentions(const FileReport& report, const std::string& text) {
    for (const auto& d : report.diagnostics.items()) {
        if (d.message.find(text) != std::string::npos) return true;
    }
    return false;
}

// Copies an official sample with one textual change, to make a broken message.
std::filesystem::path broken_copy(const std::filesystem::path& source, const std::filesystem::path& target,
                                  const std::string& from, const std::string& to) {
    std::string text = test::read_file(source);
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    test::write_file(target, text);
    return target;
}

}  // namespace

TEST(MessageValidation, OfficialSamplesAreValidIncludingStructureSpecificOnesAgainstGeneratedSchemas) {
    CSDMX_REQUIRE_SHARED(shared);
    auto reports =
        validate_messages({ecb(shared, "ecb_exr_ng_full.xml"), ecb(shared, "structured/ecb_exr_ng_flat.xml"),
                           ecb(shared, "structured/ecb_exr_ng_ts.xml"), ecb(shared, "generic/ecb_exr_ng_ts.xml"),
                           ecb(shared, "generic/ecb_exr_ng_flat.xml")},
                          options_for(shared));
    ASSERT_EQ(reports.size(), 5u);
    EXPECT_EQ(reports[0].kind, MessageKind::structure);
    EXPECT_EQ(reports[1].kind, MessageKind::structure_specific_data);
    EXPECT_EQ(reports[3].kind, MessageKind::generic_data);
    for (const auto& report : reports) {
        EXPECT_TRUE(report.valid) << describe(report);
        EXPECT_FALSE(report.checks.empty());
    }
}

TEST(MessageValidation, ARealSdgMessageIsValidAgainstTheSdgDsd) {
    CSDMX_REQUIRE_SHARED(shared);
    auto reports = validate_messages({shared / "sdg/data/tajstat_SDG-1.4_structure-specific.xml"},
                                     options_for(shared, {shared / "sdg/dsd/IAEG-SDGs_SDG-1.4_global-dsd.xml"}));
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_TRUE(reports[0].valid) << describe(reports[0]);
}

TEST(MessageValidation, RefusesElementsInTheWrongOrder) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    // message:Test must come after message:ID.
    auto file =
        broken_copy(ecb(shared, "ecb_exr_ng_full.xml"), scratch / "order.xml",
                    "<message:ID>Sample_DSD1_With_No_Group</message:ID>\n      <message:Test>false</message:Test>",
                    "<message:Test>false</message:Test><message:ID>Sample_DSD1_With_No_Group</message:ID>");
    auto reports = validate_messages({file}, options_for(shared));
    ASSERT_FALSE(reports[0].valid);
    ASSERT_FALSE(reports[0].diagnostics.items().empty());
    EXPECT_GT(reports[0].diagnostics.items()[0].line, 0u);
}

TEST(MessageValidation, RefusesACodeOutsideItsCodelistNamingComponentAndCodes) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    auto structure_specific = broken_copy(ecb(shared, "structured/ecb_exr_ng_flat.xml"), scratch / "ss.xml",
                                          "EXR_TYPE=\"SP00\"", "EXR_TYPE=\"NOPE\"");
    auto generic = broken_copy(ecb(shared, "generic/ecb_exr_ng_flat.xml"), scratch / "generic.xml", "value=\"SP00\"",
                               "value=\"NOPE\"");
    auto reports =
        validate_messages({structure_specific, generic}, options_for(shared, {ecb(shared, "ecb_exr_ng_full.xml")}));
    for (const auto& report : reports) {
        EXPECT_FALSE(report.valid) << describe(report);
        EXPECT_TRUE(mentions(report, "EXR_TYPE: code \"NOPE\" is not in ECB:CL_EXR_TYPE(1.0)")) << describe(report);
        EXPECT_EQ(report.diagnostics.error_count(), 1u) << describe(report);  // no echo from the schema
    }
}

TEST(MessageValidation, RefusesAMissingMandatoryAttribute) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    // OBS_STATUS is Mandatory in ECB_EXR_NG; the DSD-specific schema makes it optional, as SDMX prescribes.
    auto file =
        broken_copy(ecb(shared, "structured/ecb_exr_ng_flat.xml"), scratch / "missing.xml", " OBS_STATUS=\"A\"", "");
    auto reports = validate_messages({file}, options_for(shared, {ecb(shared, "ecb_exr_ng_full.xml")}));
    EXPECT_FALSE(reports[0].valid);
    EXPECT_TRUE(mentions(reports[0], "mandatory attribute OBS_STATUS is missing")) << describe(reports[0]);
}

TEST(MessageValidation, NeverCallsStructureSpecificDataValidWithoutItsDsd) {
    CSDMX_REQUIRE_SHARED(shared);
    auto reports = validate_messages({ecb(shared, "structured/ecb_exr_ng_flat.xml")}, options_for(shared));
    EXPECT_FALSE(reports[0].valid);
    EXPECT_TRUE(mentions(reports[0], "--structure")) << describe(reports[0]);
}

TEST(MessageValidation, RefusesHostileDocumentsQuickly) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    std::string entities;
    for (int i = 1; i < 10; ++i) {
        const std::string name = "lol" + std::to_string(i);
        const std::string previous = i == 1 ? std::string("x") : "lol" + std::to_string(i - 1);
        entities.append("<!ENTITY ").append(name).append(" \"");
        for (int j = 0; j < 10; ++j) entities.append("&").append(previous).append(";");
        entities.append("\">");
    }
    test::write_file(scratch / "laughs.xml",
                     "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x \"lol\">" + entities +
                         "]><message:GenericData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/"
                         "message\">&lol9;</message:GenericData>");
    test::write_file(scratch / "external.xml",
                     "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY s SYSTEM \"http://example.org/secret\">]>"
                     "<message:GenericData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/"
                     "message\">&s;</message:GenericData>");
    auto start = std::chrono::steady_clock::now();
    auto reports = validate_messages({scratch / "laughs.xml", scratch / "external.xml"}, options_for(shared));
    for (const auto& report : reports) {
        EXPECT_FALSE(report.valid);
        EXPECT_TRUE(mentions(report, "DOCTYPE")) << describe(report);
    }
    // Not a benchmark: expansion would take minutes and gigabytes; refusal takes nothing.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(MessageValidation, SaysWhereToGetTheSchemasWhenTheyAreMissing) {
    test::ScratchDirectory scratch;
    ValidateOptions options;
    options.schemas = scratch.path();
    try {
        validate_messages({scratch / "whatever.xml"}, options);
        FAIL() << "expected an EnvironmentError";
    } catch (const EnvironmentError& error) {
        std::string text = error.what();
        EXPECT_NE(text.find(scratch.path().string()), std::string::npos) << text;
        EXPECT_NE(text.find("CITIZEN_SDMX_SCHEMAS"), std::string::npos) << text;
        EXPECT_NE(text.find("github.com/sdmx-twg/sdmx-ml"), std::string::npos) << text;
    }
}

TEST(MessageValidation, AGrammarThatFailsToLoadIsFatalNotAPartialPass) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    auto copy = scratch / "2.1";
    std::filesystem::copy(test::schemas_21(), copy);
    // Break one imported schema: Xerces would otherwise keep a partial grammar.
    std::filesystem::permissions(copy / "SDMXDataGeneric.xsd", std::filesystem::perms::owner_all);
    test::write_file(copy / "SDMXDataGeneric.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><oops");
    ValidateOptions options;
    options.schemas = copy;
    EXPECT_THROW(validate_messages({ecb(shared, "generic/ecb_exr_ng_flat.xml")}, options), EnvironmentError);
}

}  // namespace csdmx::sdmx
