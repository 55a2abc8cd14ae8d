// Guesses the delimiter of a CSV file that does not declare one, from a sample of
// its text: the candidate (comma, semicolon, tab, pipe) that splits the most lines
// into the same number of fields, quotes respected.
#pragma once

#include <string_view>

namespace csdmx::package {

struct SniffedDialect {
    char delimiter = ',';
    bool confident = false;  // most lines agree on a field count above one
};

SniffedDialect sniff_delimiter(std::string_view sample, char quote = '"');

}  // namespace csdmx::package
