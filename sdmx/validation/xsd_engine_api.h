// The boundary between the library and its XML Schema engine, a module built on
// Xerces-C (sdmx/validation/xerces/) and loaded only when a message is validated.
//
// Why a module: Xerces brings ICU and libcurl, and through them some thirty more
// shared libraries. Linked in, they cost every process 30 ms of start-up and 10 MB
// of memory on this project's machines (measured: a program linking only Xerces),
// though most runs (convert, tabulate, check) never validate. Loaded on first use,
// they cost only the runs that need them.
//
// Plain C types only: no C++ exception and no standard-library object crosses it, so
// the library and the module need not agree on anything beyond this header.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// Bumped whenever anything below changes; the library refuses a module that differs.
#define CSDMX_XSD_ENGINE_API_VERSION 1u

// The module's only exported symbol, `const csdmx_xsd_engine_api* csdmx_xsd_engine()`,
// and its file name (beside libcitizensdmx).
#define CSDMX_XSD_ENGINE_ENTRY "csdmx_xsd_engine"
#define CSDMX_XSD_ENGINE_MODULE "libcitizensdmx-xerces.so"

// A problem found in `file` (a schema's or the document's name): line and column 0
// when it has no place there (a refused DOCTYPE, an unreadable file).
using csdmx_xsd_report = void (*)(void* context, const char* file, std::uint64_t line, std::uint64_t column,
                                  const char* message);

struct csdmx_xsd_schema_text {
    const char* system_id;  // a name for messages
    const char* content;
    std::size_t size;
};

struct csdmx_xsd_engine_api {
    unsigned version;  // CSDMX_XSD_ENGINE_API_VERSION
    // Loads every grammar into one pool; returns null when a grammar cannot be loaded
    // completely, after reporting at least one problem, the first in that grammar.
    void* (*create)(const char* const* schema_files, std::size_t file_count, const csdmx_xsd_schema_text* texts,
                    std::size_t text_count, csdmx_xsd_report report, void* context);
    void (*destroy)(void* engine);
    // Validate one document against the pool, reporting every problem; return 0, or
    // -1 when the engine itself failed (reported too).
    int (*validate_file)(const void* engine, const char* path, csdmx_xsd_report report, void* context);
    int (*validate_text)(const void* engine, const char* text, std::size_t size, const char* name,
                         csdmx_xsd_report report, void* context);
};
}
