// Bad input gets a clear error naming file, line, column and what was expected,
// and leaves no output behind, not even a temporary file.
#include <gtest/gtest.h>

#include "tests/integration/conversion_fixture.h"
#include "tests/package_fixture.h"

namespace csdmx::test {

namespace {

const std::string kSample = "disability-access-survey";
const std::string kHeader = "district,sex,disability_status,respondents,reported_barrier,share_reporting_barrier\n";

Conversion convert_with_csv(const ScratchDirectory& scratch, const std::string& csv) {
    auto descriptor = write_package(scratch / "package", sample_descriptor(kSample), kSample, &csv);
    return convert(descriptor, scratch / "out");
}

const Diagnostic& first_error(const Conversion& conversion) {
    for (const auto& d : conversion.diagnostics.items()) {
        if (d.severity == Severity::error) return d;
    }
    static const Diagnostic none;
    ADD_FAILURE() << "no error reported";
    return none;
}

}  // namespace

TEST(BadInput, ATextInANumberColumnIsReportedAtItsCellAndNothingIsWritten) {
    ScratchDirectory scratch;
    auto conversion = convert_with_csv(scratch, kHeader +
                                                    "Zomba,female,with disability,40,12,30.0\n"
                                                    "Zomba,male,with disability,forty,12,30.0\n");
    EXPECT_FALSE(conversion.ok);
    const auto& error = first_error(conversion);
    EXPECT_EQ(error.line, 3u);
    EXPECT_EQ(error.column, 28u);
    EXPECT_NE(error.file.find("health-access-barriers-2024.csv"), std::string::npos);
    EXPECT_NE(error.message.find("expected a whole number"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("\"forty\""), std::string::npos) << error.message;
    EXPECT_TRUE(list_directory(scratch / "out").empty()) << "partial output left behind";
}

TEST(BadInput, EveryBadRowIsListedNotJustTheFirst) {
    ScratchDirectory scratch;
    auto conversion = convert_with_csv(scratch, kHeader +
                                                    "Zomba,female,with disability,x,12,30.0\n"
                                                    "Zomba,male,with disability,40,12\n"
                                                    "Zomba,other,with disability,40,12,30.0\n"
                                                    ",male,without disability,40,12,30.0\n");
    EXPECT_FALSE(conversion.ok);
    EXPECT_EQ(conversion.diagnostics.error_count(), 4u) << conversion.listing();
    std::vector<std::uint64_t> lines;
    for (const auto& d : conversion.diagnostics.items()) lines.push_back(d.line);
    EXPECT_EQ(lines, (std::vector<std::uint64_t>{2, 3, 4, 5})) << conversion.listing();
    EXPECT_NE(conversion.listing().find("expected 6 fields, as in the header; found 5"), std::string::npos);
    EXPECT_NE(conversion.listing().find("constraints.enum"), std::string::npos);
    EXPECT_NE(conversion.listing().find("a value is required"), std::string::npos);
    EXPECT_TRUE(list_directory(scratch / "out").empty());
}

TEST(BadInput, DuplicateKeysNameBothRows) {
    ScratchDirectory scratch;
    auto conversion = convert_with_csv(scratch, kHeader +
                                                    "Zomba,female,with disability,40,12,30.0\n"
                                                    "Mzimba,female,with disability,40,12,30.0\n"
                                                    "Zomba,female,with disability,41,13,31.7\n");
    EXPECT_FALSE(conversion.ok);
    EXPECT_EQ(conversion.diagnostics.error_count(), 3u) << conversion.listing();  // one per measure
    const auto& error = first_error(conversion);
    EXPECT_EQ(error.line, 4u);
    EXPECT_NE(error.message.find("the row on line 2 has the same key"), std::string::npos) << error.message;
    EXPECT_TRUE(list_directory(scratch / "out").empty());
}

TEST(BadInput, AHeaderWithoutADescribedColumnIsRefused) {
    ScratchDirectory scratch;
    auto conversion = convert_with_csv(scratch,
                                       "district,sex,status,respondents,reported_barrier,share_reporting_barrier\n"
                                       "Zomba,female,with disability,40,12,30.0\n");
    EXPECT_FALSE(conversion.ok);
    EXPECT_NE(conversion.listing().find("the header has no column \"disability_status\""), std::string::npos)
        << conversion.listing();
}

TEST(BadInput, BadMetadataIsReportedBeforeAnyRowIsRead) {
    ScratchDirectory scratch;
    auto descriptor = sample_descriptor(kSample);
    descriptor["citizen_data"]["producer"].erase("id");
    descriptor["citizen_data"]["validation"]["result"] = "OK";
    descriptor["resources"][0]["path"] = "../elsewhere.csv";
    auto path = write_package(scratch / "package", descriptor, kSample);
    auto conversion = convert(path, scratch / "out");
    EXPECT_FALSE(conversion.ok);
    EXPECT_EQ(conversion.diagnostics.error_count(), 3u) << conversion.listing();
    EXPECT_NE(conversion.listing().find("resources[0].path"), std::string::npos);
    EXPECT_NE(conversion.listing().find("citizen_data.producer.id"), std::string::npos);
    EXPECT_NE(conversion.listing().find("citizen_data.validation.result"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(scratch / "out"));
}

TEST(BadInput, MalformedJsonNamesLineAndColumn) {
    ScratchDirectory scratch;
    write_file(scratch / "datapackage.json", "{\n  \"name\": \"x\",\n  \"resources\": [,]\n}\n");
    auto conversion = convert(scratch / "datapackage.json", scratch / "out");
    EXPECT_FALSE(conversion.ok);
    const auto& error = first_error(conversion);
    EXPECT_EQ(error.line, 3u);
    EXPECT_EQ(error.column, 17u);
    EXPECT_NE(error.message.find("not valid JSON"), std::string::npos);
}

TEST(BadInput, ExistingOutputsAreReplacedOnlyByCompleteOnes) {
    ScratchDirectory scratch;
    auto good = convert_with_csv(scratch, kHeader + "Zomba,female,with disability,40,12,30.0\n");
    ASSERT_TRUE(good.ok) << good.listing();
    auto before = list_directory(scratch / "out");
    auto structure_before = read_file(good.outcome.outputs.at(2));
    auto bad = convert_with_csv(scratch, kHeader + "Zomba,female,with disability,oops,12,30.0\n");
    EXPECT_FALSE(bad.ok);
    EXPECT_EQ(list_directory(scratch / "out"), before);  // no temporary files, nothing replaced
    EXPECT_EQ(read_file(good.outcome.outputs.at(2)), structure_before);
}

}  // namespace csdmx::test
