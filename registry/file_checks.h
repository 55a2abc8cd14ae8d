// Before anything is sent: a data or structure file that is truncated or corrupt
// (XML not well-formed to its end, SDMX-CSV with an open quote or a row of the
// wrong width, JSON that does not parse) is refused with its location, so a
// registry never receives half a message.
#pragma once

#include <filesystem>

namespace csdmx::registry {

enum class FileSyntax { xml, csv, json };

// Throws InputError naming the file, line and column of the first fault.
void check_well_formed(const std::filesystem::path& file, FileSyntax syntax);

}  // namespace csdmx::registry
