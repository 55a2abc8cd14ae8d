// The boundary between the library and its archive reader, a module built on
// libarchive (schema_install/libarchive/) and loaded only by `schemas install`.
//
// Why a module: libarchive brings its compression and crypto libraries (nettle,
// zstd, lz4, bzip2, lzma, acl), seven shared libraries that every process mapped
// and relocated at start (about 10 ms and 4 MB on this project's machines, measured
// with a program linking only libarchive), for the one command that unpacks
// downloaded schema archives. See core/loadable_module.h for where it is found.
//
// A pull interface in plain C types: the library keeps every check (entry names,
// sizes) and every message; the module only reads.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// Bumped whenever anything below changes; the library refuses a module that differs.
#define CSDMX_ARCHIVE_MODULE_API_VERSION 1u

// The module's only exported symbol, `const csdmx_archive_module_api* csdmx_archive_module()`.
#define CSDMX_ARCHIVE_MODULE_ENTRY "csdmx_archive_module"
#define CSDMX_ARCHIVE_MODULE_FILE "libcitizensdmx-archive.so"

struct csdmx_archive_module_api {
    unsigned version;  // CSDMX_ARCHIVE_MODULE_API_VERSION
    // A reader over `size` bytes in memory (which must outlive it), every filter and
    // format libarchive knows enabled, in *reader (null only when out of memory).
    // Returns 1, or 0 when the bytes are not a readable archive (see error()).
    int (*open)(const void* bytes, std::size_t size, void** reader);
    void (*close)(void* reader);
    // The next entry: 1 (name, whether a regular file, and its size or -1 when the
    // archive does not say), 0 at the end, -1 when the archive is damaged.
    int (*next)(void* reader, const char** name, int* regular, std::int64_t* size);
    // The next bytes of the current entry: how many (0 at its end), or -1 when damaged.
    std::int64_t (*read)(void* reader, void* buffer, std::size_t capacity);
    // libarchive's text for the last failure (valid until the next call).
    const char* (*error)(void* reader);
};
}
