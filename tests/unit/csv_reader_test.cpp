#include "package/csv_reader.h"

#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "tests/test_support.h"

namespace csdmx::package {

namespace {

std::vector<CsvRecord> read_all(const std::string& content, CsvDialect dialect = {}) {
    test::ScratchDirectory scratch;
    auto path = scratch / "data.csv";
    test::write_file(path, content);
    TextSource source(path, "utf-8", "data.csv");
    CsvReader reader(source, dialect, "data.csv");
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

InputError read_error(const std::string& content) {
    try {
        read_all(content);
    } catch (const InputError& error) {
        return error;
    }
    ADD_FAILURE() << "expected an InputError";
    return InputError("", 0, 0, "none");
}

}  // namespace

TEST(CsvReader, ReadsQuotedFieldsWithDelimitersQuotesAndLineBreaks) {
    auto records = read_all("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,2,3\n");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
    EXPECT_EQ(records[1].line, 2u);
    EXPECT_EQ(records[2].line, 4u);  // the quoted line break counts
    EXPECT_EQ(records[2].number, 3u);
}

TEST(CsvReader, KnowsTheLineAndColumnOfEveryField) {
    auto records = read_all("name,district\nÅse,Zomba\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].columns, (std::vector<std::uint64_t>{1, 5}));  // characters, not bytes
    EXPECT_EQ(records[1].lines, (std::vector<std::uint64_t>{2, 2}));
}

TEST(CsvReader, KeepsEmptyFieldsIncludingATrailingOne) {
    auto records = read_all("a,b,c\n1,,\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].fields, (std::vector<std::string>{"1", "", ""}));
}

TEST(CsvReader, SkipsBlankLinesAndAByteOrderMark) {
    auto records = read_all("\xEF\xBB\xBFx,y\n\n1,2\r\n\r\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].fields[0], "x");
    EXPECT_EQ(records[1].line, 3u);
}

TEST(CsvReader, FollowsTheDialect) {
    CsvDialect dialect;
    dialect.delimiter = ';';
    dialect.quote_char = '\'';
    dialect.skip_initial_space = true;
    auto records = read_all("a; 'b;c'\n", dialect);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b;c"}));
    EXPECT_EQ(records[0].columns[1], 4u);
}

TEST(CsvReader, ReportsAnUnterminatedQuoteWhereItOpens) {
    auto error = read_error("a,b\n1,\"open\n2,3\n");
    ASSERT_EQ(error.diagnostics().items().size(), 1u);
    const auto& d = error.diagnostics().items()[0];
    EXPECT_EQ(d.line, 2u);
    EXPECT_EQ(d.column, 3u);
    EXPECT_NE(d.message.find("never closed"), std::string::npos);
}

TEST(CsvReader, ReportsBytesThatAreNotUtf8WithTheirPosition) {
    // "3\xBDm": a stray Latin-1 one-half sign, as in the Dowa latrine survey.
    auto error = read_error("size\n3\xBDm\n");
    const auto& d = error.diagnostics().items().at(0);
    EXPECT_EQ(d.file, "data.csv");
    EXPECT_EQ(d.line, 2u);
    EXPECT_EQ(d.column, 2u);
    EXPECT_NE(d.message.find("0xBD"), std::string::npos);
}

}  // namespace csdmx::package
