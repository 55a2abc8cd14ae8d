// The archive reader module: libarchive behind the plain C boundary of
// schema_install/archive_module_api.h. No exception leaves it (libarchive is C).
#include <archive.h>
#include <archive_entry.h>

#include "schema_install/archive_module_api.h"

namespace {

archive* as_archive(void* reader) {
    return static_cast<archive*>(reader);
}

int open_reader(const void* bytes, std::size_t size, void** reader) noexcept {
    archive* handle = archive_read_new();
    *reader = handle;
    if (handle == nullptr) return 0;
    archive_read_support_filter_all(handle);
    archive_read_support_format_all(handle);
    return archive_read_open_memory(handle, bytes, size) == ARCHIVE_OK ? 1 : 0;
}

void close_reader(void* reader) noexcept {
    if (reader != nullptr) archive_read_free(as_archive(reader));
}

int next_entry(void* reader, const char** name, int* regular, std::int64_t* size) noexcept {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(as_archive(reader), &entry);
    if (status == ARCHIVE_EOF) return 0;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) return -1;
    *name = archive_entry_pathname(entry);
    *regular = archive_entry_filetype(entry) == AE_IFREG ? 1 : 0;
    *size = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : -1;
    return 1;
}

std::int64_t read_data(void* reader, void* buffer, std::size_t capacity) noexcept {
    const la_ssize_t got = archive_read_data(as_archive(reader), buffer, capacity);
    return got < 0 ? -1 : static_cast<std::int64_t>(got);
}

const char* error_text(void* reader) noexcept {
    if (reader == nullptr) return "out of memory";
    const char* text = archive_error_string(as_archive(reader));
    return text != nullptr ? text : "unknown error";
}

constexpr csdmx_archive_module_api kApi{
    CSDMX_ARCHIVE_MODULE_API_VERSION, open_reader, close_reader, next_entry, read_data, error_text};

}  // namespace

extern "C" __attribute__((visibility("default"))) const csdmx_archive_module_api* csdmx_archive_module() {
    return &kApi;
}
