// Files a package names must be inside its folder. The spelling is checked first
// (no "..", no absolute path, no URL); then, because a name inside the folder can be a
// symbolic link to /etc/passwd or /proc/self/environ, the real path (every link
// followed) must be inside the folder's real path too, and be a regular file (a FIFO
// or a device would hang or never end).
#pragma once

#include <filesystem>
#include <string>

namespace csdmx::package {

// "" when `file` (a path under `folder`) really is a regular file inside `folder`, or
// does not exist (opening it reports that); otherwise what is wrong, for a person.
// With `allow_outside` (trusted local use) links may lead anywhere.
std::string real_path_problem(const std::filesystem::path& folder, const std::filesystem::path& file,
                              bool allow_outside);

}  // namespace csdmx::package
