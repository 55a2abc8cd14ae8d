#include "sdmx/validation/schema_location.h"

#include <dlfcn.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "core/diagnostic.h"
#include "core/environment.h"

#ifndef CITIZEN_SDMX_DEFAULT_SCHEMAS
#define CITIZEN_SDMX_DEFAULT_SCHEMAS ""
#endif
#ifndef CITIZEN_SDMX_BUILD_LIBRARY
#define CITIZEN_SDMX_BUILD_LIBRARY ""
#endif

namespace csdmx::sdmx {

namespace {

// The message schema names its version in its target namespace (.../v2_1/message).
bool holds_version(const std::filesystem::path& folder, const std::string& version) {
    std::ifstream in(folder / "SDMXMessage.xsd");
    if (!in) return false;
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    std::string tag = version == "2.1" ? "schemas/v2_1/message" : "schemas/v3_0/message";
    return head.find(tag) != std::string::npos;
}

std::optional<std::filesystem::path> try_folder(const std::filesystem::path& folder, const std::string& version) {
    if (holds_version(folder, version)) return folder;
    if (holds_version(folder / version, version)) return folder / version;
    return std::nullopt;
}

// The build's default is a folder next to the developer's checkout. It must not
// follow the library into an install tree or a .deb, where it would name a
// folder on the build machine; the installed file is a copy of the same bytes, so
// the library tells the two apart by where it was loaded from.
bool loaded_from_build_tree() {
    const std::string built = CITIZEN_SDMX_BUILD_LIBRARY;
    if (built.empty()) return false;
    Dl_info info{};
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): dladdr takes the code address
    if (dladdr(reinterpret_cast<void*>(&loaded_from_build_tree), &info) == 0 || info.dli_fname == nullptr) {
        return false;
    }
    std::error_code error;
    const auto loaded = std::filesystem::canonical(info.dli_fname, error);
    if (error) return false;
    return loaded == std::filesystem::canonical(built, error) && !error;
}

}  // namespace

std::filesystem::path user_schema_root() {
    if (std::string data_home = environment_variable("XDG_DATA_HOME"); !data_home.empty()) {
        return std::filesystem::path(data_home) / "citizen-sdmx" / "schemas";
    }
    std::string home = environment_variable("HOME");
    if (home.empty()) throw EnvironmentError("neither XDG_DATA_HOME nor HOME is set: no place for user schemas");
    return std::filesystem::path(home) / ".local" / "share" / "citizen-sdmx" / "schemas";
}

std::vector<std::filesystem::path> system_schema_roots() {
    std::string dirs = environment_variable("XDG_DATA_DIRS");
    if (dirs.empty()) dirs = "/usr/local/share:/usr/share";
    std::vector<std::filesystem::path> roots;
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        // The specification says relative entries are invalid: skip them.
        if (std::string dir = dirs.substr(start, end - start); !dir.empty() && dir.front() == '/') {
            roots.push_back(std::filesystem::path(dir) / "citizen-sdmx" / "schemas");
        }
        start = end + 1;
    }
    return roots;
}

std::filesystem::path locate_schemas(const std::optional<std::filesystem::path>& option, const std::string& version) {
    std::vector<std::string> looked;
    auto attempt = [&](const std::filesystem::path& folder, const std::string& origin) {
        looked.push_back(folder.string() + " (" + origin + ")");
        return try_folder(folder, version);
    };
    // What the user names is used or refused, never silently replaced by a default.
    const std::string env = environment_variable("CITIZEN_SDMX_SCHEMAS");
    if (option) {
        if (auto found = attempt(*option, "--schemas")) return *found;
    } else if (!env.empty()) {
        if (auto found = attempt(env, "CITIZEN_SDMX_SCHEMAS")) return *found;
    } else {
        try {
            if (auto found = attempt(user_schema_root(), "schemas install")) return *found;
        } catch (const EnvironmentError&) {
            // No HOME: there is no user folder to look in; the others remain.
        }
        for (const auto& root : system_schema_roots()) {
            if (auto found = attempt(root, "XDG_DATA_DIRS")) return *found;
        }
        if (std::string fallback = CITIZEN_SDMX_DEFAULT_SCHEMAS; !fallback.empty() && loaded_from_build_tree()) {
            if (auto found = attempt(fallback, "build default")) return *found;
        }
    }
    std::string where;
    for (const auto& place : looked) where += "\n  " + place;
    throw EnvironmentError(
        "the official SDMX-ML " + version +
        " XML Schemas were not found, so nothing can be validated. Looked in:" + where +
        "\nInstall them with `citizen-sdmx schemas install` (from https://github.com/sdmx-twg/sdmx-ml, checked "
        "against pinned SHA-256 digests), or pass --schemas DIR or set CITIZEN_SDMX_SCHEMAS=DIR (DIR holds "
        "SDMXMessage.xsd, or a " +
        version + "/ folder that does).");
}

}  // namespace csdmx::sdmx
