#include "schema_install/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "core/diagnostic.h"

namespace csdmx::schemas {

namespace {

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

[[noreturn]] void refuse(const std::string& origin, const std::string& message) {
    throw InputError(origin, 0, 0, message);
}

std::string strip_dot_slash(std::string name) {
    while (name.starts_with("./")) name.erase(0, 2);
    return name;
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
    ArchivePtr reader(archive_read_new(), archive_read_free);
    if (!reader) throw std::bad_alloc();
    archive_read_support_filter_all(reader.get());
    archive_read_support_format_all(reader.get());
    if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
        refuse(origin, std::string("not a readable archive: ") + archive_error_string(reader.get()));
    }
    archive_entry* entry = nullptr;
    for (;;) {
        int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
            refuse(origin, std::string("damaged archive: ") + archive_error_string(reader.get()));
        }
        const char* raw_name = archive_entry_pathname(entry);
        std::string raw = raw_name == nullptr ? "" : raw_name;
        if (!is_safe_entry_name(raw)) {
            refuse(origin, "archive entry \"" + raw +
                               "\" points outside the archive's folder (absolute or with \"..\"); the archive is "
                               "refused as a whole");
        }
        ArchiveEntry item{strip_dot_slash(raw), archive_entry_filetype(entry) == AE_IFREG};
        if (!wanted(item)) continue;
        if (archive_entry_size_is_set(entry) != 0 &&
            static_cast<std::size_t>(archive_entry_size(entry)) > max_entry_bytes) {
            refuse(origin, "archive entry \"" + raw + "\" is larger than " + std::to_string(max_entry_bytes) +
                               " bytes: not a schema file");
        }
        std::string data;
        char buffer[65536];
        for (;;) {
            la_ssize_t got = archive_read_data(reader.get(), buffer, sizeof buffer);
            if (got == 0) break;
            if (got < 0) refuse(origin, "damaged archive entry \"" + raw + "\": " + archive_error_string(reader.get()));
            data.append(buffer, static_cast<std::size_t>(got));
            if (data.size() > max_entry_bytes) refuse(origin, "archive entry \"" + raw + "\" is too large");
        }
        take(item, std::move(data));
    }
}

}  // namespace csdmx::schemas
