#include "schema_install/archive_reader.h"

#include <memory>

#include "core/diagnostic.h"
#include "core/loadable_module.h"
#include "schema_install/archive_module_api.h"

namespace csdmx::schemas {

namespace {

const csdmx_archive_module_api& archive_module() {
    static const csdmx_archive_module_api& api = module_table<csdmx_archive_module_api>(
        CSDMX_ARCHIVE_MODULE_FILE, CSDMX_ARCHIVE_MODULE_ENTRY, CSDMX_ARCHIVE_MODULE_API_VERSION);
    return api;
}

[[noreturn]] void refuse(const std::string& origin, const std::string& message) {
    throw InputError(origin, 0, 0, message);
}

// "./a", "././a" and ".//a" all name "a": a doubled slash is one separator. Removing
// only the "./" of ".//etc/passwd" would leave the absolute "/etc/passwd".
std::string strip_dot_slash(const std::string& name) {
    std::size_t start = 0;
    while (name.compare(start, 2, "./") == 0) {
        start += 2;
        while (start < name.size() && name[start] == '/') ++start;
    }
    return name.substr(start);
}

}  // namespace

bool is_safe_entry_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return false;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string_view::npos) end = name.size();
        if (name.substr(start, end - start) == "..") return false;
        start = end + 1;
    }
    return true;
}

void read_archive(std::string_view bytes, const std::string& origin,
                  const std::function<bool(const ArchiveEntry&)>& wanted,
                  const std::function<void(const ArchiveEntry&, std::string&&)>& take, std::size_t max_entry_bytes) {
    const auto& module = archive_module();
    void* opened = nullptr;
    const int readable = module.open(bytes.data(), bytes.size(), &opened);
    const std::unique_ptr<void, void (*)(void*)> reader(opened, module.close);
    if (!reader) throw std::bad_alloc();
    if (readable == 0) refuse(origin, std::string("not a readable archive: ") + module.error(reader.get()));
    for (;;) {
        const char* raw_name = nullptr;
        int regular = 0;
        std::int64_t size = -1;
        const int status = module.next(reader.get(), &raw_name, &regular, &size);
        if (status == 0) break;
        if (status < 0) refuse(origin, std::string("damaged archive: ") + module.error(reader.get()));
        std::string raw = raw_name == nullptr ? "" : raw_name;
        ArchiveEntry item{strip_dot_slash(raw), regular != 0};
        if (item.name.empty() && !item.regular && !raw.empty()) continue;  // "./": the archive's own folder
        // Both names: what the archive says, and what the installer is handed.
        if (!is_safe_entry_name(raw) || !is_safe_entry_name(item.name)) {
            refuse(origin, "archive entry \"" + raw +
                               "\" points outside the archive's folder (absolute or with \"..\"); the archive is "
                               "refused as a whole");
        }
        if (!wanted(item)) continue;
        if (size >= 0 && static_cast<std::uint64_t>(size) > max_entry_bytes) {
            refuse(origin, "archive entry \"" + raw + "\" is larger than " + std::to_string(max_entry_bytes) +
                               " bytes: not a schema file");
        }
        std::string data;
        char buffer[65536];
        for (;;) {
            const std::int64_t got = module.read(reader.get(), buffer, sizeof buffer);
            if (got == 0) break;
            if (got < 0) refuse(origin, "damaged archive entry \"" + raw + "\": " + module.error(reader.get()));
            data.append(buffer, static_cast<std::size_t>(got));
            if (data.size() > max_entry_bytes) refuse(origin, "archive entry \"" + raw + "\" is too large");
        }
        take(item, std::move(data));
    }
}

}  // namespace csdmx::schemas
