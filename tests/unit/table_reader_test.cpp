#include "package/table_reader.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace csdmx::package {

namespace {

Field field(const std::string& name, const std::string& type = "string") {
    Field f;
    f.name = name;
    f.type = type;
    f.json_path = "resources[0].schema.fields[" + name + "]";
    return f;
}

struct Read {
    std::vector<TableRow> rows;
    // Each row's file, copied while the reader lives: TableRow::file points into the
    // reader and dangles once it is gone (a heap use after free under ASan).
    std::vector<std::string> row_files;
    Diagnostics diagnostics;
    TableStatistics statistics;
    bool usable = false;
    std::vector<Field> fields;

    std::string listing() const {
        std::string text;
        for (const auto& d : diagnostics.items()) text += format_diagnostic(d) + "\n";
        return text;
    }
    std::size_t count(Severity severity, const std::string& kind) const {
        return static_cast<std::size_t>(
            std::count_if(diagnostics.items().begin(), diagnostics.items().end(),
                          [&](const auto& d) { return d.severity == severity && d.kind == kind; }));
    }
};

class TableReaderTest : public ::testing::Test {
protected:
    Resource resource(const std::string& csv, std::vector<Field> fields) {
        test::write_file(scratch_ / "data.csv", csv);
        Resource r;
        r.name = "data";
        r.path = scratch_ / "data.csv";
        r.json_path = "resources[0]";
        r.dialect_declared = true;
        r.schema.fields = std::move(fields);
        return r;
    }
    // A resource in parts ("path": [...]), one CSV text per part.
    Resource resource_in_parts(const std::vector<std::string>& csvs, std::vector<Field> fields) {
        Resource r = resource(csvs.front(), std::move(fields));
        for (std::size_t i = 0; i < csvs.size(); ++i) {
            const auto name = "part-" + std::to_string(i + 1) + ".csv";
            test::write_file(scratch_ / name, csvs[i]);
            r.parts.push_back(scratch_ / name);
            r.relative_parts.push_back(name);
        }
        r.path = r.parts.front();
        return r;
    }
    Read read(const Resource& r, TableReadOptions options = {}) {
        Read result;
        options.spill_directory = scratch_.path();
        TableReader reader(r, options, result.diagnostics);
        result.usable = reader.usable();
        result.fields = reader.fields();
        TableRow row;
        while (reader.next(row)) {
            result.rows.push_back(row);
            result.row_files.emplace_back(row.file);
        }
        reader.finish();
        result.statistics = reader.statistics();
        return result;
    }
    test::ScratchDirectory scratch_;
};

}  // namespace

TEST_F(TableReaderTest, RowsWithTheWrongFieldCountFollowThePolicy) {
    auto r = resource("a,b\n1,2\n3\n4,5,6\n7,8\n", {field("a", "integer"), field("b", "integer")});
    auto rejected = read(r);
    EXPECT_EQ(rejected.rows.size(), 2u);
    EXPECT_EQ(rejected.count(Severity::error, "field-count"), 2u) << rejected.listing();
    EXPECT_EQ(rejected.diagnostics.items()[0].line, 3u);

    TableReadOptions skip;
    skip.bad_rows = BadRowPolicy::skip;
    auto skipped = read(r, skip);
    EXPECT_EQ(skipped.rows.size(), 2u);
    EXPECT_FALSE(skipped.diagnostics.has_errors()) << skipped.listing();
    EXPECT_EQ(skipped.count(Severity::warning, "field-count"), 2u);
    EXPECT_EQ(skipped.statistics.rows_skipped, 2u);

    TableReadOptions keep;
    keep.bad_rows = BadRowPolicy::keep;
    auto kept = read(r, keep);
    ASSERT_EQ(kept.rows.size(), 4u);
    EXPECT_TRUE(kept.rows[1].cells[1].missing);   // padded
    EXPECT_EQ(kept.rows[2].cells[1].value, "5");  // the extra field is cut
    EXPECT_FALSE(kept.diagnostics.has_errors()) << kept.listing();
}

TEST_F(TableReaderTest, TotalRowsAreNotObservations) {
    Field district = field("district");
    auto r = resource("district,cases\nZomba,4\nBlantyre,6\nTotal,10\n", {district, field("cases", "integer")});
    auto result = read(r);
    EXPECT_EQ(result.rows.size(), 2u);
    ASSERT_EQ(result.count(Severity::error, "total-row"), 1u) << result.listing();
    EXPECT_EQ(result.diagnostics.items()[0].line, 4u);
    EXPECT_EQ(result.diagnostics.items()[0].column, 1u);
    TableReadOptions keep;
    keep.bad_rows = BadRowPolicy::keep;
    EXPECT_EQ(read(r, keep).rows.size(), 3u);
}

TEST_F(TableReaderTest, EmptyAndDuplicateColumnNames) {
    auto r = resource("id,,name,name\n1,x,a,b\n", {field("id", "integer")});
    auto result = read(r);
    EXPECT_TRUE(result.usable);
    EXPECT_EQ(result.count(Severity::error, "header"), 2u) << result.listing();
    const auto& listing = result.listing();
    EXPECT_NE(listing.find("data.csv:1:4: error: column 2 has no name"), std::string::npos) << listing;
    EXPECT_NE(listing.find("column name \"name\" appears twice (columns 3 and 4)"), std::string::npos) << listing;
}

TEST_F(TableReaderTest, TwoHeaderRowsAreJoinedAndAnUndeclaredOneIsPointedOut) {
    const std::string csv = ",Zomba,,Blantyre,\nweek,Cases,Deaths,Cases,Deaths\n1,3,0,5,1\n";
    auto undeclared = read(resource(csv, {field("week", "integer")}));
    EXPECT_NE(undeclared.listing().find("looks like the upper row of a two-row header"), std::string::npos)
        << undeclared.listing();

    auto r = resource(csv, {field("week", "integer"), field("Zomba Cases", "integer"), field("Zomba Deaths", "integer"),
                            field("Blantyre Cases", "integer"), field("Blantyre Deaths", "integer")});
    r.dialect.header_rows = {1, 2};
    auto joined = read(r);
    EXPECT_FALSE(joined.diagnostics.has_errors()) << joined.listing();
    ASSERT_EQ(joined.rows.size(), 1u);
    EXPECT_EQ(joined.rows[0].cells[4].value, "1");  // Blantyre Deaths, from the merged cell
}

TEST_F(TableReaderTest, MissingValueMarkersFromTheSchemaAndTheCaller) {
    auto r = resource("a,b\nNA,1\n-,2\n", {field("a", "integer"), field("b", "integer")});
    r.schema.missing_values = {"", "NA"};
    auto with_schema = read(r);
    EXPECT_EQ(with_schema.count(Severity::error, "type"), 1u) << with_schema.listing();  // "-" is not a number
    TableReadOptions options;
    options.extra_missing_values = {"-"};
    auto with_option = read(r, options);
    EXPECT_FALSE(with_option.diagnostics.has_errors()) << with_option.listing();
    EXPECT_TRUE(with_option.rows[1].cells[0].missing);
}

TEST_F(TableReaderTest, SelectMultipleColumnsBecomeOneColumnPerChoice) {
    Field source = field("source");
    source.select_multiple = SelectMultiple{{"Family member", "Sales agent", "Neighbour"}, " "};
    auto r = resource("source\nSales agent\nNeighbour Sales agent\nFamily member Neighbour\nNA\nBoss\n", {source});
    r.schema.missing_values = {"", "NA"};
    auto result = read(r);
    ASSERT_EQ(result.fields.size(), 4u);
    EXPECT_EQ(result.fields[1].name, "source/FAMILY_MEMBER");
    EXPECT_EQ(result.fields[2].title, "Sales agent");
    ASSERT_EQ(result.rows.size(), 4u);
    auto flags = [&](std::size_t row) {
        std::string text;
        for (std::size_t c = 1; c < 4; ++c)
            text += result.rows[row].cells[c].missing ? "-" : result.rows[row].cells[c].value;
        return text;
    };
    EXPECT_EQ(flags(0), "010");
    EXPECT_EQ(flags(1), "011");
    EXPECT_EQ(flags(2), "101");
    EXPECT_EQ(flags(3), "---");
    EXPECT_EQ(result.count(Severity::error, "select-multiple"), 1u) << result.listing();
}

TEST_F(TableReaderTest, UniqueValuesAndPrimaryKeysAcrossTheWholeFile) {
    Field id = field("id", "integer");
    id.constraints.unique = true;
    auto r = resource("id,district,year\n1,Zomba,2020\n2,Zomba,2021\n1,Mzimba,2020\n3,Zomba,2020\n",
                      {id, field("district"), field("year", "year")});
    r.schema.primary_key = {"district", "year"};
    auto result = read(r);
    EXPECT_EQ(result.count(Severity::error, "unique"), 1u) << result.listing();
    EXPECT_EQ(result.count(Severity::error, "primary-key"), 1u) << result.listing();
    const auto& listing = result.listing();
    EXPECT_NE(listing.find("data.csv:4: error: a unique value repeats the row on line 2 (id=1)"), std::string::npos)
        << listing;
    EXPECT_NE(listing.find("data.csv:5: error: the primary key repeats the row on line 2 (district=Zomba, year=2020)"),
              std::string::npos)
        << listing;
}

TEST_F(TableReaderTest, ValuesArePaddedInSpreadsheetsAndTrimmedHere) {
    auto r = resource("district,n\n Dowa ,1\nDowa,2\n", {field("district"), field("n", "integer")});
    auto result = read(r);
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].cells[0].value, "Dowa");
    EXPECT_EQ(result.count(Severity::note, "padding"), 1u) << result.listing();
}

TEST_F(TableReaderTest, RepeatedValuesAreReadAsTheFirstWasAndCountedEveryTime) {
    // Cells that come back are remembered per column (package/cell_memo.h): what is
    // counted per cell (padding, Excel-mangled numbers) still counts every row, a
    // value that failed is checked (and reported) each time, and the values are the
    // first reading's, also past the trial after which a column that seldom repeats
    // stops remembering.
    std::string csv = "district,code,n,day\n";
    for (int i = 0; i < 5000; ++i) {
        csv += (i % 2 ? " Dowa ," : "Mchinji,");
        csv += (i % 5 == 0 ? "1.23E+11," : "C7,");
        csv += (i % 1000 == 999 ? "x," : std::to_string(i) + ",");
        csv += (i % 3 ? "2024-02-29\n" : "2024-01-01\n");
    }
    auto result = read(resource(csv, {field("district"), field("code"), field("n", "integer"), field("day", "date")}));
    ASSERT_EQ(result.rows.size(), 4995u);  // the rows with "x" are left out
    for (const auto& row : result.rows) {
        const auto i = row.line - 2;
        const auto& cells = row.cells;
        ASSERT_EQ(cells[0].value, i % 2 ? "Dowa" : "Mchinji") << i;
        ASSERT_EQ(cells[0].column, 1u) << i;
        ASSERT_EQ(cells[1].value, i % 5 == 0 ? "1.23E+11" : "C7") << i;
        ASSERT_EQ(cells[2].value, std::to_string(i)) << i;
        ASSERT_EQ(cells[3].value, i % 3 ? "2024-02-29" : "2024-01-01") << i;
        ASSERT_EQ(cells[3].line, i + 2) << i;
    }
    const std::string listing = result.listing();
    EXPECT_NE(listing.find("district (2500)"), std::string::npos) << listing;
    EXPECT_NE(listing.find("1000 such value(s)"), std::string::npos) << listing;
    EXPECT_EQ(result.diagnostics.error_count(), 5u) << listing;  // every "x", though the same text
}

TEST_F(TableReaderTest, RepeatedProblemsInAColumnAreCountedAfterAFew) {
    std::string csv = "n\n";
    for (int i = 0; i < 20; ++i) csv += "x" + std::to_string(i) + "\n";
    auto result = read(resource(csv, {field("n", "integer")}));
    EXPECT_EQ(result.count(Severity::error, "type"), 6u) << result.listing();  // five listed, one summing up
    EXPECT_EQ(result.diagnostics.error_count(), 20u);
    EXPECT_NE(result.listing().find("15 more problem(s) like the 5 above"), std::string::npos) << result.listing();
}

TEST_F(TableReaderTest, UndeclaredDialectsAreSniffed) {
    auto r = resource("a;b\n1,5;2\n", {field("a", "number"), field("b", "integer")});
    r.dialect_declared = false;
    r.schema.fields[0].decimal_char = ",";
    auto result = read(r);
    ASSERT_EQ(result.rows.size(), 1u) << result.listing();
    EXPECT_EQ(result.rows[0].cells[0].value, "1.5");
    EXPECT_EQ(result.statistics.delimiter, ';');
    EXPECT_TRUE(result.statistics.delimiter_sniffed);
}

TEST_F(TableReaderTest, PartsAreReadAsOneTableTheirHeadersPassedOver) {
    auto r = resource_in_parts({"site,pm\nA,1.5\nB,2\n", "site,pm\nC,3\n", "site,pm\n", "D,4\n"},
                               {field("site"), field("pm", "number")});
    r.schema.primary_key = {"site"};
    auto result = read(r);
    ASSERT_EQ(result.rows.size(), 4u) << result.listing();
    EXPECT_EQ(result.rows[2].cells[0].value, "C");
    EXPECT_EQ(result.rows[2].line, 2u);
    EXPECT_EQ(result.rows[2].part, 1u);
    EXPECT_NE(result.row_files[2].find("part-2.csv"), std::string::npos);
    EXPECT_EQ(result.rows[3].cells[0].value, "D");  // the last part has no header line: said, then read
    EXPECT_EQ(result.count(Severity::note, "header"), 1u) << result.listing();
    EXPECT_EQ(result.diagnostics.error_count(), 0u) << result.listing();
}

TEST_F(TableReaderTest, AKeyRepeatedInAnotherPartNamesBothFiles) {
    auto r = resource_in_parts({"site,pm\nA,1\nB,2\n", "site,pm\nB,3\n"}, {field("site"), field("pm", "number")});
    r.schema.primary_key = {"site"};
    auto result = read(r);
    EXPECT_EQ(result.count(Severity::error, "primary-key"), 1u) << result.listing();
    EXPECT_NE(result.listing().find("part-2.csv:2: error: the primary key repeats the row on line 3 of "),
              std::string::npos)
        << result.listing();
    EXPECT_NE(result.listing().find("part-1.csv (site=B)"), std::string::npos) << result.listing();
}

TEST_F(TableReaderTest, APartWithOtherColumnsIsRefused) {
    auto r = resource_in_parts({"site,pm\nA,1\n", "site,pm10\nB,3\n"}, {field("site"), field("pm", "number")});
    auto result = read(r);
    EXPECT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.count(Severity::error, "header"), 1u) << result.listing();
    EXPECT_NE(result.listing().find("part-2.csv:1:6: error: this part's header differs from the first part's: column "
                                    "2 is \"pm10\" here and \"pm\" in "),
              std::string::npos)
        << result.listing();
}

}  // namespace csdmx::package
