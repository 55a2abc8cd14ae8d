// `check` runs the whole conversion plan (issue 19, point 2): it lists every problem
// convert would meet in one pass, and a package check finds clean converts.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "pipeline/converter.h"
#include "pipeline/package_check.h"
#include "tests/integration/conversion_fixture.h"
#include "tests/package_fixture.h"
#include "tests/test_support.h"

namespace csdmx {

namespace {

std::string listing(const Diagnostics& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics.items()) text += format_diagnostic(d) + "\n";
    return text;
}

bool has_error(const Diagnostics& diagnostics, const std::string& path_part, const std::string& message_part) {
    return std::any_of(diagnostics.items().begin(), diagnostics.items().end(), [&](const Diagnostic& d) {
        return d.severity == Severity::error && d.path.find(path_part) != std::string::npos &&
               d.message.find(message_part) != std::string::npos;
    });
}

// Check, then convert each resource check looked at: clean must mean converted.
// Returns whether check was clean.
bool expect_check_agrees_with_convert(const std::filesystem::path& descriptor, const std::filesystem::path& out) {
    auto checked = mapping::check_package(descriptor, {});
    if (checked.diagnostics.has_errors()) return false;
    EXPECT_FALSE(checked.resources.empty()) << descriptor;
    for (const auto& resource : checked.resources) {
        mapping::PrepareOptions options;
        options.resource = resource.name;
        auto conversion = test::convert(descriptor, out / resource.name, options);
        EXPECT_TRUE(conversion.ok) << descriptor << " resource " << resource.name
                                   << ": check found nothing, convert refused:\n"
                                   << conversion.listing();
    }
    return true;
}

nlohmann::json household_with_tabulation_mistakes() {
    auto descriptor = test::sample_descriptor("household-water-survey");
    auto& tabulation = descriptor["resources"][0]["tabulation"];
    tabulation["statistics"][0]["function"] = "average";  // not a function
    tabulation["period"]["frequency"] = "Y";              // not a frequency
    tabulation["group_by"][0]["column"] = "region";       // no such column
    tabulation["statistics"][2].erase("column");          // mean of what?
    return descriptor;
}

}  // namespace

TEST(CheckConvertAgreement, EverySampleAndFixtureCheckedCleanConverts) {
    test::ScratchDirectory scratch;
    int clean = 0;
    std::vector<std::filesystem::path> descriptors;
    for (const auto* root : {"samples", "tests/fixtures"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_directory() / root)) {
            if (entry.path().filename() == "datapackage.json") descriptors.push_back(entry.path());
        }
    }
    ASSERT_GE(descriptors.size(), 5u);
    for (std::size_t i = 0; i < descriptors.size(); ++i) {
        clean += expect_check_agrees_with_convert(descriptors[i], scratch / std::to_string(i)) ? 1 : 0;
    }
    EXPECT_GE(clean, 4) << "the four samples check clean";
}

TEST(CheckConvertAgreement, EveryTabulationMistakeInOnePass) {
    test::ScratchDirectory scratch;
    auto path = test::write_package(scratch.path(), household_with_tabulation_mistakes(), "household-water-survey");
    auto checked = mapping::check_package(path, {});
    const auto& d = checked.diagnostics;
    EXPECT_TRUE(has_error(d, "tabulation.statistics[0].function", "\"count\"")) << listing(d);
    EXPECT_TRUE(has_error(d, "tabulation.period.frequency", "\"A\"")) << listing(d);
    EXPECT_FALSE(has_error(d, "tabulation.period.frequency", "expected one of ;")) << listing(d);
    EXPECT_TRUE(has_error(d, "tabulation.group_by[0].column", "no column \"region\"")) << listing(d);
    EXPECT_TRUE(has_error(d, "tabulation.statistics[2]", "needs the \"column\"")) << listing(d);
    // And convert refuses the same package: check said why in advance.
    auto conversion = test::convert(path, scratch / "out");
    EXPECT_FALSE(conversion.ok);
}

TEST(CheckConvertAgreement, PersonalColumnsAndRowProblemsOfThePlan) {
    // Without its tabulation the household survey is a table whose GPS columns would
    // be published: convert refuses that, so check says so too.
    test::ScratchDirectory scratch;
    auto descriptor = test::sample_descriptor("household-water-survey");
    descriptor["resources"][0].erase("tabulation");
    auto path = test::write_package(scratch.path(), descriptor, "household-water-survey");
    auto checked = mapping::check_package(path, {});
    const auto& d = checked.diagnostics;
    EXPECT_TRUE(std::any_of(d.items().begin(), d.items().end(), [](const Diagnostic& item) {
        return item.severity == Severity::error && item.kind == "personal" &&
               item.message.find("gps_lat") != std::string::npos;
    })) << listing(d);
    EXPECT_FALSE(test::convert(path, scratch / "out").ok);
}

TEST(CheckConvertAgreement, MetadataAndPlanProblemsTogether) {
    // A TODO in citizen_data does not hide the tabulation's mistakes.
    test::ScratchDirectory scratch;
    auto descriptor = household_with_tabulation_mistakes();
    descriptor["citizen_data"]["producer"]["id"] = "TODO: an id";
    auto path = test::write_package(scratch.path(), descriptor, "household-water-survey");
    auto checked = mapping::check_package(path, {});
    const auto& d = checked.diagnostics;
    EXPECT_TRUE(has_error(d, "citizen_data.producer.id", "")) << listing(d);
    EXPECT_TRUE(has_error(d, "tabulation.group_by[0].column", "no column \"region\"")) << listing(d);
}

TEST(CheckConvertAgreement, ARowProblemOfTheConversionIsFound) {
    // The same key twice with another value: convert refuses it, so check does.
    test::ScratchDirectory scratch;
    auto descriptor = test::sample_descriptor("disability-access-survey");
    std::string csv =
        test::read_file(test::source_directory() / "samples/disability-access-survey/health-access-barriers-2024.csv");
    if (csv.back() != '\n') csv += "\n";
    csv += "Lilongwe,female,with disability,53,27,99.9\n";
    auto path = test::write_package(scratch.path(), descriptor, "disability-access-survey", &csv);
    auto checked = mapping::check_package(path, {});
    EXPECT_TRUE(checked.diagnostics.has_errors()) << listing(checked.diagnostics);
    EXPECT_FALSE(expect_check_agrees_with_convert(path, scratch / "out"));
    EXPECT_FALSE(test::convert(path, scratch / "out2").ok);
}

}  // namespace csdmx
