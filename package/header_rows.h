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

}  // namespace csdmx::package
