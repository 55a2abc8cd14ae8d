// Modules: parts of the library kept in their own shared objects and loaded on first
// use, because what they link costs every process that loads it (see
// sdmx/validation/xsd_engine_api.h and schema_install/archive_module_api.h: what each
// module holds and what it saves).
#pragma once

#include <string>

namespace csdmx {

// The address of `symbol` in the module file `file_name`, which is opened once per
// process (and never closed). It is looked for in $CITIZEN_SDMX_MODULE_DIR when that
// is set, and only there; otherwise in the folder citizen-sdmx beside the binary
// holding this code (an installed libcitizensdmx), then beside it (a built one), and, for a program of the build tree
// that links the library statically (the tests), where the build puts modules. Throws EnvironmentError naming every
// place tried and why each failed.
void* module_symbol(const std::string& file_name, const char* symbol);

}  // namespace csdmx
