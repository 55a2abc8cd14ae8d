// Streaming CSV reader (RFC 4180 plus the Frictionless CSV Dialect options) that
// knows where every field starts, so problems can be reported as FILE:LINE:COLUMN.
// Line breaks may be LF, CRLF or CR, mixed; quoted fields may hold delimiters,
// quotes and line breaks.
//
// Written by hand rather than with a library because no packaged CSV library
// reports the line and column of each field, which is what a CSO data officer
// needs to find a bad cell. One record is held at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "package/data_package.h"
#include "package/text_source.h"

namespace csdmx::package {

struct CsvRecord {
    std::vector<std::string> fields;
    std::vector<std::uint64_t> lines;    // line where each field starts (1-based)
    std::vector<std::uint64_t> columns;  // column, in characters, where each field starts
    std::uint64_t line = 0;              // line where the record starts
    std::uint64_t number = 0;            // 1-based record number, the header included
};

class CsvReader {
public:
    // Reads UTF-8 text from `source` (which has dealt with the encoding).
    // `display_name` is used in error messages (normally the path as the user gave it).
    CsvReader(TextSource& source, CsvDialect dialect, std::string display_name);
    // The same with a read buffer of `buffer_bytes` (tests use tiny ones, so that
    // fields and line breaks cross the buffer's ends).
    CsvReader(TextSource& source, CsvDialect dialect, std::string display_name, std::size_t buffer_bytes);
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads the next non-blank record; false at the end of the file. Throws
    // InputError for an unterminated quoted field, or a byte the encoding lacks.
    // `record`'s strings are reused: pass the same record each time to read without
    // allocating.
    bool next(CsvRecord& record);

    const std::string& display_name() const { return display_name_; }
    std::uint64_t bytes_read() const { return bytes_read_; }

private:
    bool refill();  // false at the end
    int get();      // next byte or -1 at the end
    int peek();     // the same without taking it
    void advance_position(unsigned char byte);
    [[noreturn]] void fail(std::uint64_t line, std::uint64_t column, const std::string& message) const;
    // Input beyond core/input_limits.h: an error of kind "limit", which makes the file unusable.
    [[noreturn]] void fail_limit(std::uint64_t line, std::uint64_t column, const std::string& message) const;

    TextSource& source_;
    CsvDialect dialect_;
    std::string display_name_;
    std::vector<char> buffer_;
    std::size_t buffer_position_ = 0;
    std::size_t buffer_size_ = 0;
    std::uint64_t bytes_read_ = 0;
    std::uint64_t line_ = 1;
    std::uint64_t column_ = 1;
    std::uint64_t records_ = 0;
    bool stops_unquoted_[256] = {};  // bytes that end a run of plain text outside quotes
    bool stops_quoted_[256] = {};    // and inside them
};

}  // namespace csdmx::package
