#include "sdmx/validation/schema_location.h"

#include <cstdlib>
#include <fstream>
#include <vector>

#include "core/diagnostic.h"

#ifndef CITIZEN_SDMX_DEFAULT_SCHEMAS
#define CITIZEN_SDMX_DEFAULT_SCHEMAS ""
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

}  // namespace

std::filesystem::path locate_schemas(const std::optional<std::filesystem::path>& option, const std::string& version) {
    std::vector<std::string> looked;
    auto attempt = [&](const std::filesystem::path& folder, const std::string& origin) {
        looked.push_back(folder.string() + " (" + origin + ")");
        return try_folder(folder, version);
    };
    // What the user names is used or refused, never silently replaced by a default.
    const char* env = std::getenv("CITIZEN_SDMX_SCHEMAS");
    if (option) {
        if (auto found = attempt(*option, "--schemas")) return *found;
    } else if (env != nullptr && *env != '\0') {
        if (auto found = attempt(env, "CITIZEN_SDMX_SCHEMAS")) return *found;
    } else if (std::string fallback = CITIZEN_SDMX_DEFAULT_SCHEMAS; !fallback.empty()) {
        if (auto found = attempt(fallback, "build default")) return *found;
    }
    std::string where;
    for (const auto& place : looked) where += "\n  " + place;
    if (where.empty()) where = "\n  (nowhere: no --schemas, no CITIZEN_SDMX_SCHEMAS)";
    throw EnvironmentError(
        "the official SDMX-ML " + version +
        " XML Schemas were not found, so nothing can be validated. Looked in:" + where +
        "\nGet them from https://github.com/sdmx-twg/sdmx-ml (folder schemas/, tag v2.1 for SDMX-ML 2.1) "
        "and pass --schemas DIR or set CITIZEN_SDMX_SCHEMAS=DIR (DIR holds SDMXMessage.xsd, or a " +
        version + "/ folder that does).");
}

}  // namespace csdmx::sdmx
