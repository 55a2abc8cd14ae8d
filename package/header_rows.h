// Joins the header rows of a table into one name per column.
#pragma once

#include <string>
#include <vector>

#include "package/csv_reader.h"

namespace csdmx::package {

// Several rows are joined with `join`; an empty cell in an upper row takes the
// value to its left (a spreadsheet's merged cell spanning columns). Cells are
// trimmed. The result has as many names as the widest row.
std::vector<std::string> join_header_rows(const std::vector<CsvRecord>& rows, const std::string& join);

// The upper row of a two-row header: many empty cells over a row of labels only.
bool looks_like_upper_header_row(const CsvRecord& row, const CsvRecord& next);

std::string trim_spaces(const std::string& text);

// Names for the columns a header leaves unusable, so that a schema can name them
// without anyone editing the raw file: an empty name becomes "column_12" (its
// 1-based position), the second "x" of a header becomes "x__2", the third "x__3".
// Other names are kept. init writes these names; the reader accepts them.
std::vector<std::string> repaired_header_names(const std::vector<std::string>& names);

}  // namespace csdmx::package
