// A working file with no name, for spilled sort runs and median values.
//
// O_TMPFILE makes the file nameless from the start, so a process killed at any
// moment (kill -9 included) leaves nothing behind. Where the file system does not
// offer it, the file is made with mkstemp under a hidden name and unlinked at once
// (a kill between the two would leave that name).
#pragma once

#include <filesystem>
#include <string_view>

namespace csdmx {

// An open read-write descriptor of a new, nameless file in `directory`. `purpose`
// ("sort", "medians") names it in the fallback's hidden name and in the error.
// Throws EnvironmentError when no file can be made there.
int open_anonymous_file(const std::filesystem::path& directory, std::string_view purpose);

}  // namespace csdmx
