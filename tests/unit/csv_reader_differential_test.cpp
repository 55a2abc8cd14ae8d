// CsvReader against a byte-at-a-time reference: the reader scans runs of plain text
// within its buffer and reuses a record's strings, and must still give exactly the
// fields, lines, columns and errors of the simple state machine below (the reader
// as it was before it was made fast), whatever the buffer size.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/input_limits.h"
#include "package/csv_reader.h"
#include "tests/test_support.h"

namespace csdmx::package {

namespace {

struct Outcome {
    std::vector<CsvRecord> records;
    std::optional<Diagnostic> error;
};

// One byte at a time over the whole text, as CsvReader did before its fast paths.
Outcome reference_read(const std::string& text, const CsvDialect& dialect) {
    Outcome outcome;
    std::size_t at = 0;
    std::uint64_t line = 1, column = 1, records = 0;
    auto get = [&]() -> int { return at < text.size() ? static_cast<unsigned char>(text[at++]) : -1; };
    auto advance = [&](unsigned char byte) {
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column;
        }
    };
    while (true) {
        CsvRecord record;
        enum class State { unquoted, quoted, after_quote };
        State state = State::unquoted;
        bool started = false, fresh = false, done = false;
        std::uint64_t quote_line = 0, quote_column = 0;
        auto begin_field = [&] {
            record.fields.emplace_back();
            record.lines.push_back(line);
            record.columns.push_back(column);
            fresh = true;
        };
        for (int byte = get(); byte >= 0 && !done; byte = done ? -1 : get()) {
            auto c = static_cast<char>(byte);
            auto u = static_cast<unsigned char>(byte);
            if (state == State::quoted) {
                if (c == dialect.quote_char) {
                    state = State::after_quote;
                    advance(u);
                } else if (dialect.escape_char != 0 && c == dialect.escape_char) {
                    advance(u);
                    int escaped = get();
                    if (escaped < 0) break;
                    record.fields.back().push_back(static_cast<char>(escaped));
                    advance(static_cast<unsigned char>(escaped));
                } else if (c == '\n' || c == '\r') {
                    record.fields.back().push_back(c);
                    if (c == '\r' && at < text.size() && text[at] == '\n') {
                        record.fields.back().push_back('\n');
                        ++at;
                    }
                    ++line;
                    column = 1;
                } else {
                    record.fields.back().push_back(c);
                    advance(u);
                }
                continue;
            }
            if (state == State::after_quote) {
                if (c == dialect.quote_char && dialect.double_quote) {
                    record.fields.back().push_back(c);
                    state = State::quoted;
                    advance(u);
                    continue;
                }
                state = State::unquoted;
                fresh = false;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && at < text.size() && text[at] == '\n') ++at;
                ++line;
                column = 1;
                if (started) done = true;
                continue;
            }
            if (!started) {
                started = true;
                record.line = line;
                begin_field();
            }
            if (c == dialect.delimiter) {
                advance(u);
                begin_field();
                continue;
            }
            if (fresh && c == ' ' && dialect.skip_initial_space) {
                advance(u);
                record.columns.back() = column;
                continue;
            }
            if (fresh && c == dialect.quote_char) {
                quote_line = line;
                quote_column = column;
                state = State::quoted;
                fresh = false;
                advance(u);
                continue;
            }
            record.fields.back().push_back(c);
            fresh = false;
            advance(u);
        }
        if (state == State::quoted) {
            outcome.error = Diagnostic{Severity::error, "data.csv", quote_line, quote_column, {}, "never closed", ""};
            return outcome;
        }
        if (!started) return outcome;
        record.number = ++records;
        outcome.records.push_back(record);
    }
}

Outcome reader_read(const std::filesystem::path& path, const CsvDialect& dialect, std::size_t buffer_bytes) {
    Outcome outcome;
    TextSource source(path, "utf-8", "data.csv");
    CsvReader reader(source, dialect, "data.csv", buffer_bytes);
    CsvRecord record;  // one record, reused, as the table reader does
    try {
        while (reader.next(record)) outcome.records.push_back(record);
    } catch (const InputError& error) {
        outcome.error = error.diagnostics().items().at(0);
    }
    return outcome;
}

// Text from pieces that stress the state machine: delimiters, quotes, escapes,
// every kind of line break, spaces, multi-byte characters and plain runs.
std::string random_csv(std::mt19937& random) {
    static const char* kPieces[] = {",",  ";", "\"",  "\"\"",           "\\",       "\n",           "\r",  "\r\n", " ",
                                    "  ", "x", "abc", "Zomba district", "\xC3\xA9", "\xE2\x82\xAC", "1.5", "'"};
    std::uniform_int_distribution<std::size_t> piece(0, std::size(kPieces) - 1);
    std::uniform_int_distribution<int> length(0, 60);
    std::string text;
    for (int n = length(random); n > 0; --n) text += kPieces[piece(random)];
    return text;
}

void expect_same(const Outcome& expected, const Outcome& actual, const std::string& text) {
    SCOPED_TRACE("input: \"" + text + "\"");
    ASSERT_EQ(expected.records.size(), actual.records.size());
    for (std::size_t r = 0; r < expected.records.size(); ++r) {
        const auto& e = expected.records[r];
        const auto& a = actual.records[r];
        EXPECT_EQ(e.fields, a.fields) << "record " << r;
        EXPECT_EQ(e.lines, a.lines) << "record " << r;
        EXPECT_EQ(e.columns, a.columns) << "record " << r;
        EXPECT_EQ(e.line, a.line) << "record " << r;
        EXPECT_EQ(e.number, a.number) << "record " << r;
    }
    ASSERT_EQ(expected.error.has_value(), actual.error.has_value());
    if (expected.error) {
        EXPECT_EQ(expected.error->line, actual.error->line);
        EXPECT_EQ(expected.error->column, actual.error->column);
        EXPECT_NE(actual.error->message.find("never closed"), std::string::npos) << actual.error->message;
    }
}

}  // namespace

TEST(CsvReaderDifferential, AgreesWithTheByteAtATimeReaderOnRandomTextAndEveryBufferSize) {
    std::mt19937 random(20261202);
    std::vector<CsvDialect> dialects(4);
    dialects[1].delimiter = ';';
    dialects[1].skip_initial_space = true;
    dialects[2].double_quote = false;
    dialects[2].escape_char = '\\';
    dialects[3].quote_char = '\'';
    dialects[3].delimiter = '\t';
    test::ScratchDirectory scratch;
    const auto path = scratch / "data.csv";
    int compared = 0;
    for (int round = 0; round < 600; ++round) {
        const std::string text = random_csv(random);
        test::write_file(path, text);
        for (const auto& dialect : dialects) {
            const Outcome expected = reference_read(text, dialect);
            for (std::size_t buffer :
                 {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{1} << 16}) {
                expect_same(expected, reader_read(path, dialect, buffer), text);
                ++compared;
                if (testing::Test::HasFailure()) return;
            }
        }
    }
    EXPECT_EQ(compared, 600 * 4 * 5);
}

TEST(CsvReaderDifferential, AReusedRecordLosesItsExtraFieldsWhenTheNextRecordHasFewer) {
    test::ScratchDirectory scratch;
    test::write_file(scratch / "data.csv", "a,b,c,d\n1,2\n\nx,y,z\n");
    TextSource source(scratch / "data.csv", "utf-8", "data.csv");
    CsvReader reader(source, CsvDialect{}, "data.csv", 3);
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record.fields, (std::vector<std::string>{"a", "b", "c", "d"}));
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record.fields, (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(record.columns, (std::vector<std::uint64_t>{1, 3}));
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record.fields, (std::vector<std::string>{"x", "y", "z"}));
    EXPECT_EQ(record.line, 4u);
    EXPECT_FALSE(reader.next(record));
    EXPECT_TRUE(record.fields.empty());
}

TEST(CsvReaderDifferential, AnUnquotedCellPastTheLimitIsReportedWhereItStarts) {
    // The plain-text fast path appends runs at once; past the limit it must still
    // stop with the located "limit" error, at the start of the cell.
    test::ScratchDirectory scratch;
    test::write_file(scratch / "data.csv", "a,b\n1,\xC3\xA9" + std::string(limits::kMaxCellBytes, 'x') + "\n");
    TextSource source(scratch / "data.csv", "utf-8", "data.csv");
    CsvReader reader(source, CsvDialect{}, "data.csv");
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    try {
        reader.next(record);
        FAIL() << "read a cell longer than the limit";
    } catch (const InputError& error) {
        const auto& d = error.diagnostics().items().at(0);
        EXPECT_EQ(d.line, 2u);
        EXPECT_EQ(d.column, 3u);
        EXPECT_EQ(d.kind, "limit");
        EXPECT_NE(d.message.find("this field is longer than"), std::string::npos) << d.message;
    }
}

TEST(CsvReaderDifferential, ABadByteIsLocatedWhateverTheReadSize) {
    // TextSource counts lines and columns a chunk at a time; the bad byte's place must
    // not depend on where the chunks end.
    std::mt19937 random(15);
    test::ScratchDirectory scratch;
    for (int round = 0; round < 200; ++round) {
        std::string text = random_csv(random);
        std::uniform_int_distribution<std::size_t> place(0, text.size());
        std::size_t bad = place(random);
        // Not inside a multi-byte character: move to the start of the one it is in.
        while (bad < text.size() && (static_cast<unsigned char>(text[bad]) & 0xC0) == 0x80) --bad;
        text.insert(bad, "\xBD");
        std::uint64_t line = 1, column = 1;
        for (std::size_t i = 0; i < bad; ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (byte == '\n') {
                ++line;
                column = 1;
            } else if ((byte & 0xC0) != 0x80) {
                ++column;
            }
        }
        test::write_file(scratch / "data.csv", text);
        for (std::size_t buffer : {std::size_t{1}, std::size_t{5}, std::size_t{1} << 16}) {
            TextSource source(scratch / "data.csv", "utf-8", "data.csv");
            std::string read(buffer, '\0');
            try {
                while (source.read(read.data(), read.size()) > 0) {
                }
                ADD_FAILURE() << "accepted 0xBD";
            } catch (const InputError& error) {
                const auto& d = error.diagnostics().items().at(0);
                EXPECT_EQ(d.line, line) << "buffer " << buffer;
                EXPECT_EQ(d.column, column) << "buffer " << buffer;
            }
        }
    }
}

}  // namespace csdmx::package
