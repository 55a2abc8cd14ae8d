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
// holding this code (an installed libcitizensdmx), then beside it (a built one), and,
// for a program of the build tree that links the library statically (the tests),
// where the build puts modules. Throws EnvironmentError naming every place tried and
// why each failed.
void* module_symbol(const std::string& file_name, const char* symbol);

[[noreturn]] void throw_module_of_another_version(const std::string& file_name);

// The function table that the entry point `entry` of module `file_name` returns,
// checked to be of `version` (the table's first member); throws EnvironmentError
// when the module cannot be loaded or belongs to another version.
template <typename Table>
const Table& module_table(const std::string& file_name, const char* entry, unsigned version) {
    using Entry = const Table* (*)();
    const Table* table = reinterpret_cast<Entry>(module_symbol(file_name, entry))();
    if (table == nullptr || table->version != version) throw_module_of_another_version(file_name);
    return *table;
}

}  // namespace csdmx
