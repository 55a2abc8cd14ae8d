// Reads one CSV cell as its Table Schema field type and normalises it to the
// lexical form SDMX expects: xs:double numbers, ISO dates and date-times, SDMX
// time periods. Formats follow Table Schema: "default" (ISO), "any", a strptime
// pattern (%d.%m.%Y, %m/%d/%Y %I:%M:%S %p, %d-%b-%y), and "excel" for Excel serial
// day numbers (our extension).
#pragma once

#include <string>
#include <string_view>

#include "package/table_schema.h"
#include "package/text_pattern.h"

namespace csdmx::package {

// On success writes the normalised value to `out` and returns an empty string;
// otherwise returns what was expected, e.g. "expected a number (field type number)".
std::string normalise_cell(const Field& field, std::string_view text, std::string& out);

// The SDMX time period of a cell of a time column (already normalised by
// normalise_cell): a date or date-time gives its day, or the period at the field's
// declared frequency (sdmx.frequency); year and yearmonth give themselves; a string
// may hold any spelling of an SDMX period (2022-Q1, 2022Q1, 2022-W09 ...).
// Returns an empty string on success, else what was expected.
std::string cell_time_period(const Field& field, std::string_view value, std::string& period, char& frequency);

// Checks the field's constraints (enum, minimum/maximum, minLength/maxLength,
// pattern) on a normalised value; returns what was expected, or an empty string.
// `pattern` is the field's constraints.pattern compiled once by the caller.
std::string check_constraints(const Field& field, std::string_view raw, std::string_view value,
                              const TextPattern* pattern);

// True for what Excel makes of a long identifier it took for a number:
// 3.60E+14, 8.9E+18 (digits lost for good).
bool looks_like_excel_mangled_identifier(std::string_view text);

}  // namespace csdmx::package
