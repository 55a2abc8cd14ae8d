// Reads the entries of a downloaded archive (tar, tar.gz, zip: whatever libarchive
// recognises) from memory. Nothing is written to disk here: the installer decides
// what to keep after checking it. Entry names are untrusted: an absolute name or a
// ".." component refuses the whole archive, whether or not the entry is wanted.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace csdmx::schemas {

struct ArchiveEntry {
    std::string name;  // as in the archive, with any leading "./" removed
    bool regular = false;
};

// Calls `wanted` for every entry; when it returns true, the entry's bytes are read
// and passed to `take`. Throws InputError (naming `origin` and the entry) for an
// unreadable archive, an unsafe name, or an entry larger than `max_entry_bytes`.
void read_archive(std::string_view bytes, const std::string& origin,
                  const std::function<bool(const ArchiveEntry&)>& wanted,
                  const std::function<void(const ArchiveEntry&, std::string&&)>& take,
                  std::size_t max_entry_bytes = 64U << 20U);

// True when `name` is relative and has no ".." component (also checked by read_archive).
bool is_safe_entry_name(std::string_view name);

}  // namespace csdmx::schemas
