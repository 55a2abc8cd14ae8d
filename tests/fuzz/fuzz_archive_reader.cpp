// A downloaded schema archive (tar, tar.gz, zip: whatever libarchive reads), read
// with the installer's checks: entry names, entry sizes, damaged data.
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "schema_install/archive_reader.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::size_t taken = 0;
    try {
        schemas::read_archive(
            bytes, "download.tar.gz", [](const schemas::ArchiveEntry& entry) { return entry.regular; },
            [&](const schemas::ArchiveEntry& entry, std::string&& content) {
                // What the installer relies on: a kept entry's name is safe.
                if (!schemas::is_safe_entry_name(entry.name)) __builtin_trap();
                taken += content.size();
            },
            std::size_t{1} << 20);
    } catch (const InputError&) {
        // The documented refusal of an archive that cannot be read or is unsafe.
    }
    (void)taken;
    return 0;
}
