// Checks one CSV cell against its Table Schema field type and normalises it to the
// lexical form SDMX expects (xs:double numbers, SDMX time periods).
#pragma once

#include <string>
#include <string_view>

#include "package/table_schema.h"

namespace csdmx::package {

// On success writes the normalised value to `out` and returns an empty string;
// otherwise returns what was expected, e.g. "expected a number (field type number)".
std::string normalise_cell(const Field& field, std::string_view text, std::string& out);

// The SDMX time period of a cell of a date, year or yearmonth field (already
// normalised by normalise_cell), or of a string field holding an SDMX period.
// Returns an empty string on success, else what was expected.
std::string cell_time_period(const Field& field, std::string_view text, std::string& period, char& frequency);

}  // namespace csdmx::package
