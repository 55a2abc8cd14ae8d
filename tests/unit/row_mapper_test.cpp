#include "mappings/row_mapper.h"

#include <gtest/gtest.h>

namespace csdmx::mapping {

namespace {

package::Field field(const std::string& name, const std::string& type) {
    package::Field f;
    f.name = name;
    f.type = type;
    return f;
}

package::TableCell cell(const std::string& value, bool missing = false) {
    package::TableCell c;
    c.value = value;
    c.missing = missing;
    return c;
}

}  // namespace

TEST(RowMapper, RowsRepeatingTheLastValuesGetTheSameCodesAndPeriods) {
    // RowMapper keeps the last row's codes and period in place when the next row has
    // the same texts. Every turn of that is here: repeats, a value that is the empty
    // string (a code of its own, not "nothing yet"), a bad period between two rows
    // with the same good one, a missing dimension, and values coming back later.
    TablePlan plan;
    plan.fields = {field("site", "string"), field("day", "date"), field("n", "integer")};
    plan.columns = {{0, ColumnRole::dimension, "SITE", true},
                    {1, ColumnRole::time, "TIME_PERIOD", true},
                    {2, ColumnRole::measure, "N", true}};
    RowMapper mapper(plan, package::BadRowPolicy::skip);
    struct Input {
        package::TableCell site, day;
    };
    const std::vector<Input> inputs = {
        {cell(""), cell("2024-01-01")},        {cell("Dowa"), cell("2024-01-01")},
        {cell("Dowa"), cell("2024-01-01")},    {cell("Kasungu"), cell("2024-13-01")},  // no such month: left out
        {cell("Kasungu"), cell("2024-01-01")}, {cell("", true), cell("2024-01-02")},   // no site: left out
        {cell("Kasungu"), cell("2024-01-02")}, {cell("Dowa"), cell("2024-01-01")},
    };
    std::vector<std::vector<std::string>> keys;
    Diagnostics diagnostics;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        package::TableRow row;
        row.line = i + 2;
        row.file = "data.csv";
        row.cells = {inputs[i].site, inputs[i].day, cell(std::to_string(i))};
        mapper.map(row, diagnostics, [&](const sdmx::Observation& o, std::uint64_t) { keys.push_back(o.key); });
    }
    const std::vector<std::vector<std::string>> expected = {
        {"D", "N", "V", "2024-01-01"},       {"D", "N", "DOWA", "2024-01-01"},    {"D", "N", "DOWA", "2024-01-01"},
        {"D", "N", "KASUNGU", "2024-01-01"}, {"D", "N", "KASUNGU", "2024-01-02"}, {"D", "N", "DOWA", "2024-01-01"},
    };
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(mapper.statistics().rows_skipped, 2u);
    ASSERT_EQ(mapper.components().dimensions.size(), 1u);
    EXPECT_EQ(mapper.components().dimensions[0].codes.size(), 3u);  // V, DOWA, KASUNGU
}

}  // namespace csdmx::mapping
