// SDMX-CSV data messages, 1.0 (SDMX 2.1 web services) and 2.0 (SDMX 3.0), per
// the field guides in sdmx/specs/csv: one row per observation, RFC 4180 quoting.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/byte_sink.h"
#include "sdmx/data_writer.h"

namespace csdmx::sdmx::csv {

enum class CsvVersion { v1_0, v2_0 };

// Columns: DATAFLOW (1.0) or STRUCTURE, STRUCTURE_ID, ACTION (2.0); then every
// dimension in key order, OBS_VALUE, the series and observation attributes and
// last the data-set-level attributes, replicated on every row (SDMX-CSV has no
// other place for them; it has none for annotations at all: docs/formats.md).
std::unique_ptr<DataWriter> make_csv_data_writer(ByteSink& output, CsvVersion version);

// Appends `field` to `line`, quoted when RFC 4180 requires it (a comma, a double
// quote or a line break inside), with inner double quotes doubled. A field that
// starts with =, +, - or @ and is not a number is quoted too: spreadsheets read such
// text as a formula, and a quoted field is text to readers that honour quotes
// (spreadsheet safety, docs/formats.md). The value itself is never changed.
void append_csv_field(std::string& line, std::string_view field);

// Whether append_csv_field would quote `field`.
bool csv_field_needs_quotes(std::string_view field);

// Whether a field would start a spreadsheet formula: =, +, - or @ first, not a number.
bool starts_like_formula(std::string_view field);

// The one-letter SDMX-CSV 2.0 ACTION for a data set action ("Information" -> "I").
std::string_view csv_action_code(std::string_view action);

}  // namespace csdmx::sdmx::csv
