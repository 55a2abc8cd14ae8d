#include "package/citizen_metadata.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "copenhagen/citizen_checks.h"
#include "copenhagen/citizen_statement.h"
#include "tests/package_fixture.h"

namespace csdmx {

namespace {

struct Checked {
    package::CitizenMetadata metadata;
    Diagnostics diagnostics;
};

Checked check(const nlohmann::json& descriptor) {
    test::ScratchDirectory scratch;
    auto path = test::write_package(scratch.path(), descriptor, "disability-access-survey");
    Checked result;
    auto package = package::read_data_package(path, result.diagnostics);
    result.metadata = package::read_citizen_metadata(package, result.diagnostics);
    auto codelists = mapping::load_citizen_codelists(std::nullopt);
    mapping::check_citizen_codes(result.metadata, codelists, path.string(), result.diagnostics);
    return result;
}

const Diagnostic* at(const Diagnostics& diagnostics, const std::string& path) {
    for (const auto& d : diagnostics.items()) {
        if (d.path == path && d.severity == Severity::error) return &d;
    }
    return nullptr;
}

std::string all_paths(const Diagnostics& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics.items()) text += d.path + " | " + d.message + "\n";
    return text;
}

}  // namespace

TEST(CitizenMetadata, TheBundledSampleIsComplete) {
    auto result = check(test::sample_descriptor("disability-access-survey"));
    EXPECT_FALSE(result.diagnostics.has_errors()) << all_paths(result.diagnostics);
    EXPECT_EQ(result.metadata.producer.id, "DISABILITY_ACCESS_FORUM");
    EXPECT_EQ(result.metadata.participation.size(), 6u);
    EXPECT_EQ(*result.metadata.level_of("COLLECT"), "5");
    EXPECT_EQ(result.metadata.disclosure_threshold, 10);
}

TEST(CitizenMetadata, ListsEveryProblemAtOnceWithItsPath) {
    auto descriptor = test::sample_descriptor("disability-access-survey");
    auto& cd = descriptor["citizen_data"];
    cd.erase("purpose");
    cd["producer"].erase("name");
    cd["producer"]["type"] = "NGO";                  // not in CL_PRODUCER_TYPE
    cd["participation"]["COLLECT"] = "7";            // not a level
    cd["participation"].erase("USE");                // every stage needs a level
    cd["participation"]["ADVOCACY"] = "5";           // not a stage
    cd["coverage"]["period"]["end"] = "2024-02-30";  // no such day
    cd["licence"]["url"] = "not a url";
    cd["disclosure_threshold"] = 0;
    cd["consent"]["basis"] = "assumed";
    cd["colour"] = "blue";  // unknown property

    auto result = check(descriptor);
    const auto& d = result.diagnostics;
    std::string listing = all_paths(d);
    ASSERT_NE(at(d, "citizen_data.purpose"), nullptr) << listing;
    EXPECT_NE(at(d, "citizen_data.purpose")->message.find("why the data were collected"), std::string::npos);
    ASSERT_NE(at(d, "citizen_data.producer.name"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.producer.type"), nullptr) << listing;
    EXPECT_NE(at(d, "citizen_data.producer.type")->message.find("CSO, COMMUNITY, CITIZEN_SCIENTISTS"),
              std::string::npos);
    ASSERT_NE(at(d, "citizen_data.participation.COLLECT"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.participation.USE"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.participation.ADVOCACY"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.coverage.period.end"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.licence.url"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.disclosure_threshold"), nullptr) << listing;
    ASSERT_NE(at(d, "citizen_data.consent.basis"), nullptr) << listing;
    EXPECT_NE(at(d, "citizen_data.consent.basis")->message.find("\"informed_consent\""), std::string::npos);
    ASSERT_NE(at(d, "citizen_data.colour"), nullptr) << listing;
    EXPECT_EQ(d.error_count(), 11u) << listing;  // one per problem, no echoes
    for (const auto& item : d.items()) EXPECT_EQ(item.file.substr(item.file.size() - 16), "datapackage.json");
}

TEST(CitizenMetadata, AMissingBlockIsOneClearError) {
    auto descriptor = test::sample_descriptor("disability-access-survey");
    descriptor.erase("citizen_data");
    auto result = check(descriptor);
    ASSERT_EQ(result.diagnostics.error_count(), 1u) << all_paths(result.diagnostics);
    EXPECT_EQ(result.diagnostics.items()[0].path, "citizen_data");
}

TEST(CitizenMetadata, CriteriaAreRequiredWhenTheNsoClearsTheData) {
    auto descriptor = test::sample_descriptor("disability-access-survey");
    descriptor["citizen_data"]["validation"].erase("criteria");
    auto result = check(descriptor);
    ASSERT_NE(at(result.diagnostics, "citizen_data.validation.criteria"), nullptr) << all_paths(result.diagnostics);
    descriptor["citizen_data"]["validation"]["result"] = "PENDING";
    EXPECT_FALSE(check(descriptor).diagnostics.has_errors());
}

TEST(CitizenMetadata, APendingValidationNeedsNoAuthorOrDate) {
    auto descriptor = test::sample_descriptor("disability-access-survey");
    descriptor["citizen_data"]["validation"] = {{"result", "PENDING"}};
    auto result = check(descriptor);
    EXPECT_FALSE(result.diagnostics.has_errors()) << all_paths(result.diagnostics);
    EXPECT_EQ(result.metadata.validation.result, "PENDING");
    auto codelists = mapping::load_citizen_codelists(std::nullopt);
    EXPECT_EQ(mapping::validation_decision(result.metadata.validation, codelists).find("decided"), std::string::npos);
}

TEST(CitizenMetadata, ADecisionStillNeedsItsAuthorAndDate) {
    auto descriptor = test::sample_descriptor("disability-access-survey");
    descriptor["citizen_data"]["validation"] = {{"result", "NOT_VALIDATED"}};
    auto result = check(descriptor);
    const auto& d = result.diagnostics;
    ASSERT_NE(at(d, "citizen_data.validation.by"), nullptr) << all_paths(d);
    EXPECT_NE(at(d, "citizen_data.validation.by")->message.find("NOT_VALIDATED"), std::string::npos);
    ASSERT_NE(at(d, "citizen_data.validation.date"), nullptr) << all_paths(d);
    EXPECT_EQ(d.error_count(), 2u) << all_paths(d);
}

}  // namespace csdmx
