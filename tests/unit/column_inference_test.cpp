#include "package/column_inference.h"

#include <gtest/gtest.h>

#include "package/package_inference.h"
#include "tests/test_support.h"

namespace csdmx::package {

namespace {

ColumnInference::Result infer(const std::vector<std::string>& values) {
    ColumnInference column;
    for (const auto& value : values) column.observe(value);
    return column.result();
}

}  // namespace

TEST(ColumnInference, TypesAndFormats) {
    EXPECT_EQ(infer({"1", "2", "NA", "-3"}).type, "integer");
    EXPECT_EQ(infer({"1", "2.5"}).type, "number");
    auto comma = infer({"1,5", "2", "3,25"});
    EXPECT_EQ(comma.type, "number");
    EXPECT_EQ(comma.decimal_char, ",");
    EXPECT_EQ(infer({"true", "false"}).type, "boolean");
    EXPECT_EQ(infer({"2021-03", "2021-04"}).type, "yearmonth");
    auto dotted = infer({"13.06.2019", "01.07.2019"});
    EXPECT_EQ(dotted.type, "date");
    EXPECT_EQ(dotted.format, "%d.%m.%Y");
    auto us = infer({"10/7/2020", "10/23/2020"});
    EXPECT_EQ(us.format, "%m/%d/%Y");
    auto stamp = infer({"10/7/2020 1:05:09 PM"});
    EXPECT_EQ(stamp.type, "datetime");
    EXPECT_EQ(stamp.format, "%m/%d/%Y %I:%M:%S %p");
    EXPECT_EQ(infer({"28-Feb-22", "07-Mar-22"}).format, "%d-%b-%y");
    EXPECT_EQ(infer({"Zomba", "12"}).type, "string");
}

TEST(ColumnInference, AmbiguousDatesAreSaidSo) {
    auto both = infer({"1/2/2020", "3/4/2020"});
    ASSERT_FALSE(both.notes.empty());
    EXPECT_NE(both.notes[0].find("both month/day and day/month"), std::string::npos);
}

TEST(ColumnInference, MissingMarkersAndMangledIdentifiers) {
    auto result = infer({"12", "NA", "Not Applicable", "", "13"});
    EXPECT_EQ(result.type, "integer");
    EXPECT_EQ(result.missing_markers, (std::set<std::string>{"", "NA", "Not Applicable"}));
    auto ids = infer({"3.60E+14", "8.92E+18"});
    EXPECT_EQ(ids.type, "string");
    ASSERT_FALSE(ids.notes.empty());
    EXPECT_NE(ids.notes[0].find("digits are lost"), std::string::npos);
}

TEST(ColumnInference, SelectMultipleQuestionsWithLabelsContainingSpaces) {
    auto result =
        infer({"Sales agent", "Neighbour Sales agent", "Family member", "Neighbour", "Family member Neighbour"});
    EXPECT_TRUE(result.select_multiple);
    EXPECT_EQ(result.choices, (std::vector<std::string>{"Family member", "Neighbour", "Sales agent"}));
    EXPECT_FALSE(infer({"Lilongwe Urban", "Lilongwe", "Zomba"}).select_multiple);  // "Urban" is never alone
}

TEST(PackageInference, SurveyExportsGroupPathsAndTodos) {
    test::ScratchDirectory scratch;
    test::write_file(scratch / "kobo.csv",
                     "_uuid;household/members;household/head_sex;end\n"
                     "a1;4;female;2019-06-13T09:15:43.523Z\n"
                     "a2;3;male;2019-06-14T10:00:00.000Z\n");
    Diagnostics diagnostics;
    auto package = infer_package({scratch / "kobo.csv"}, scratch / "datapackage.json", diagnostics);
    const auto& resource = package["resources"][0];
    EXPECT_EQ(resource["path"], "kobo.csv");
    EXPECT_EQ(resource["dialect"]["delimiter"], ";");
    const auto& fields = resource["schema"]["fields"];
    EXPECT_EQ(fields[0]["sdmx"]["role"], "ignore");
    EXPECT_EQ(fields[1]["type"], "integer");
    EXPECT_EQ(fields[1]["title"], "members");
    EXPECT_EQ(fields[3]["type"], "datetime");
    auto todos = todo_paths(nlohmann::json::parse(package["citizen_data"].dump()));
    EXPECT_GE(todos.size(), 20u);
    EXPECT_NE(std::find(todos.begin(), todos.end(), "citizen_data.producer.id"), todos.end());
}

TEST(PackageInference, FilesOutsideThePackageFolderAreRefused) {
    test::ScratchDirectory scratch;
    test::write_file(scratch / "elsewhere" / "data.csv", "a\n1\n");
    Diagnostics diagnostics;
    infer_package({scratch / "elsewhere" / "data.csv"}, scratch / "package" / "datapackage.json", diagnostics);
    EXPECT_TRUE(diagnostics.has_errors());
}

}  // namespace csdmx::package
