#include "core/loadable_module.h"

#include <dlfcn.h>
#include <errno.h>  // program_invocation_name

#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include "core/diagnostic.h"
#include "core/environment.h"

namespace csdmx {

namespace {

// The binary holding this code: libcitizensdmx, or a program linking the library
// statically. Taken once, when it is loaded: a relative name (a program started as
// ./tests/x, a library opened by a relative path) means what it meant then, whatever
// folder the process moves to later. For a program, dladdr gives argv[0], which may
// be a bare name found on PATH: /proc/self/exe is the file itself.
std::filesystem::path locate_own_binary() noexcept {
    try {
        Dl_info here{};
        if (dladdr(reinterpret_cast<void*>(&module_symbol), &here) == 0 || here.dli_fname == nullptr) return {};
        std::error_code error;
        std::filesystem::path binary = here.dli_fname;
        if (binary.string() == program_invocation_name) {
            binary = std::filesystem::read_symlink("/proc/self/exe", error);
        }
        if (error) return {};
        binary = std::filesystem::weakly_canonical(binary, error);
        return error ? std::filesystem::path() : binary;
    } catch (...) {  // out of memory at load time: the module is then not found, and says so
        return {};
    }
}

const std::filesystem::path& own_binary() noexcept {
    static const std::filesystem::path binary = locate_own_binary();
    return binary;
}

// Located at load time, before anything can change the process's folder.
[[maybe_unused]] const bool located_at_load = !own_binary().empty();

// Folders to look in, in order.
std::vector<std::filesystem::path> module_folders() {
    const std::string chosen = environment_variable("CITIZEN_SDMX_MODULE_DIR");
    if (!chosen.empty()) return {chosen};
    std::vector<std::filesystem::path> folders;
    const auto& binary = own_binary();
    if (binary.empty()) return folders;
    // Installed: a private folder beside the library (Debian's rule for plugins); in
    // the build tree: beside it.
    folders.push_back(binary.parent_path() / "citizen-sdmx");
    folders.push_back(binary.parent_path());
#ifdef CITIZEN_SDMX_BUILD_DIR
    // A program of the build tree linking the library statically (the tests): the
    // module is where the build put it. An installed copy never looks there.
    const std::filesystem::path build(CITIZEN_SDMX_BUILD_DIR);
    const auto relative = binary.lexically_relative(build);
    if (!relative.empty() && *relative.begin() != "..") folders.push_back(build / CITIZEN_SDMX_BUILD_MODULE_DIR);
#endif
    return folders;
}

void* open_module(const std::string& file_name) {
    std::string tried;
    for (const auto& folder : module_folders()) {
        const auto path = folder / file_name;
        std::error_code error;
        if (!std::filesystem::is_regular_file(path, error)) {
            tried += "\n  " + path.string() + ": not found";
            continue;
        }
        // RTLD_LOCAL: the module's own libraries stay out of the global namespace.
        if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
        const char* why = dlerror();
        tried += "\n  " + path.string() + ": " + (why != nullptr ? why : "cannot be loaded");
    }
    throw EnvironmentError("the module " + file_name +
                           " of citizen-sdmx could not be loaded (reinstall citizen-sdmx, or set "
                           "CITIZEN_SDMX_MODULE_DIR to the folder that holds it); tried:" +
                           tried);
}

}  // namespace

void* module_symbol(const std::string& file_name, const char* symbol) {
    static std::mutex mutex;
    static std::map<std::string, void*> opened;
    std::lock_guard lock(mutex);
    auto& handle = opened[file_name];
    if (handle == nullptr) handle = open_module(file_name);
    dlerror();
    void* address = dlsym(handle, symbol);
    if (address == nullptr) {
        const char* why = dlerror();
        throw EnvironmentError("the module " + file_name + " of citizen-sdmx has no " + symbol + " (" +
                               (why != nullptr ? why : "not found") + "): it belongs to another version");
    }
    return address;
}

void throw_module_of_another_version(const std::string& file_name) {
    throw EnvironmentError("the module " + file_name +
                           " of citizen-sdmx belongs to another version; reinstall citizen-sdmx");
}

}  // namespace csdmx
