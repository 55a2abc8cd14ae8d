#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "copenhagen/citizen_checks.h"
#include "tests/test_support.h"

namespace csdmx::mapping {

namespace {

package::CitizenMetadata with_levels(const std::string& design, const std::string& collect) {
    package::CitizenMetadata metadata;
    metadata.participation = {{"DESIGN", design}, {"COLLECT", collect}, {"PROCESS", "5"},
                              {"ANALYSE", "5"},   {"DISSEMINATE", "5"}, {"USE", "5"}};
    return metadata;
}

}  // namespace

TEST(Qualification, LevelFourOrFiveInDesignOrCollectionQualifies) {
    auto codelists = load_citizen_codelists(std::nullopt);
    EXPECT_TRUE(assess_qualification(with_levels("4", "1"), codelists).qualifies);
    EXPECT_TRUE(assess_qualification(with_levels("2", "5"), codelists).qualifies);
    auto low = assess_qualification(with_levels("3", "_U"), codelists);
    EXPECT_FALSE(low.qualifies);  // high levels in later stages do not count
    EXPECT_EQ(low.status_code, "DOES_NOT_QUALIFY");
    EXPECT_NE(low.explanation.find("4 (Collaboration) or 5 (Citizen-led) in Design or Collect"), std::string::npos)
        << low.explanation;
}

TEST(Qualification, TheRuleAndTheNamesComeFromTheCodelistFile) {
    // An NSO's adaptation: French names, and "Limited participation" counted as sufficient.
    std::string text = test::read_file(test::source_directory() / "mappings/codelists/citizen-data-codelists.xml");
    auto replace = [&](const std::string& from, const std::string& to) {
        auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
    };
    replace("<structure:Code id=\"3\">",
            "<structure:Code id=\"3\"><common:Annotations><common:Annotation><common:AnnotationTitle>true"
            "</common:AnnotationTitle><common:AnnotationType>CITIZEN_DATA_SUFFICIENT</common:AnnotationType>"
            "</common:Annotation></common:Annotations>");
    replace("<common:Name xml:lang=\"en\">Design</common:Name>",
            "<common:Name xml:lang=\"en\">Conception</common:Name>");
    test::ScratchDirectory scratch;
    test::write_file(scratch / "codelists.xml", text);

    auto codelists = load_citizen_codelists(scratch / "codelists.xml");
    EXPECT_EQ(codelists.source, (scratch / "codelists.xml").string());
    auto result = assess_qualification(with_levels("3", "1"), codelists);
    EXPECT_TRUE(result.qualifies);
    EXPECT_NE(result.explanation.find("3 (Limited participation) in Conception"), std::string::npos)
        << result.explanation;
}

TEST(Qualification, ACodelistFileWithoutTheRuleIsRefused) {
    std::string text = test::read_file(test::source_directory() / "mappings/codelists/citizen-data-codelists.xml");
    std::string::size_type at;
    while ((at = text.find("CITIZEN_DATA_QUALIFYING_STAGE")) != std::string::npos)
        text.replace(at, 29, "SOMETHING_ELSE");
    test::ScratchDirectory scratch;
    test::write_file(scratch / "codelists.xml", text);
    try {
        load_citizen_codelists(scratch / "codelists.xml");
        FAIL() << "expected the file to be refused";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("CITIZEN_DATA_QUALIFYING_STAGE"), std::string::npos) << error.what();
    }
}

}  // namespace csdmx::mapping
