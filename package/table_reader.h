// Reads a tabular resource as its Table Schema describes it, row by row, and says
// everything that is wrong with it.
//
// The one place where real-world messiness is handled, for both `check` and
// `convert`: encoding (declared, or found and said), dialect (declared, or sniffed),
// header rows (several joined, merged cells filled), header problems (empty or
// duplicate names), rows with the wrong number of fields, "Total" rows, missing-value
// markers, values not of their type, constraints (required, enum, minimum/maximum,
// lengths, pattern, unique, primaryKey), Excel-mangled identifiers, and
// select_multiple columns split into one 0/1 column per choice. What happens to a bad
// row follows the package's policy (reject, skip, keep).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "package/data_package.h"

namespace csdmx::package {

struct TableReadOptions {
    BadRowPolicy bad_rows = BadRowPolicy::reject;
    std::vector<std::string> extra_missing_values;  // besides the schema's missingValues
    bool check_primary_key = true;                  // uniqueness of the primaryKey
    bool check_unique = true;                       // constraints.unique
    std::filesystem::path spill_directory;          // for uniqueness checks; default: the system's
};

struct TableCell {
    std::string value;  // normalised (see cell_values.h); empty when missing
    bool missing = true;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
};

// A row's place in a resource read in parts, as one number that sorts in reading
// order (the part in the top 16 bits, the line below), for sorters to carry.
constexpr std::uint64_t row_position(std::size_t part, std::uint64_t line) {
    return (static_cast<std::uint64_t>(part) << 48) | line;
}
constexpr std::size_t part_of_position(std::uint64_t position) {
    return static_cast<std::size_t>(position >> 48);
}
constexpr std::uint64_t line_of_position(std::uint64_t position) {
    return position & ((std::uint64_t{1} << 48) - 1);
}

// One row, one cell per field of TableReader::fields().
struct TableRow {
    std::vector<TableCell> cells;
    std::uint64_t line = 0;
    std::size_t part = 0;   // which file of the resource (resource.parts)
    std::string_view file;  // its name, as problems are reported; valid while the reader lives
    std::uint64_t position() const { return row_position(part, line); }
};

struct TableStatistics {
    std::uint64_t rows_read = 0;       // data rows in the file (blank lines not counted)
    std::uint64_t rows_delivered = 0;  // handed on
    std::uint64_t rows_skipped = 0;    // left out by policy, or for problems
    std::uint64_t empty_rows = 0;      // rows of empty cells only, left out
    std::string encoding;
    std::string encoding_how;
    char delimiter = ',';
    bool delimiter_sniffed = false;
};

class TableReader {
public:
    // Opens the file and reads the header; problems go to `diagnostics`. When the
    // header cannot be used, usable() is false and next() returns no row.
    TableReader(const Resource& resource, const TableReadOptions& options, Diagnostics& diagnostics);
    ~TableReader();
    TableReader(const TableReader&) = delete;
    TableReader& operator=(const TableReader&) = delete;

    bool usable() const;
    // The schema's fields, then one 0/1 field per choice of each select_multiple field.
    const std::vector<Field>& fields() const;
    // The next row to use. Bad rows are reported and, by policy, left out or kept.
    bool next(TableRow& row);
    // After the last row: uniqueness checks and summaries.
    void finish();
    const TableStatistics& statistics() const;
    // The file a row_position() is in, and the position said for a person:
    // "line 12", or "line 12 of part-2.csv" when the resource is in parts.
    const std::string& file_of(std::uint64_t position) const;
    std::string describe(std::uint64_t position) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace csdmx::package
