// The official SDMX schema sets that `citizen-sdmx schemas install` can install,
// each with the archive it comes from and the SHA-256 of every file it must hold.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace csdmx::schemas {

// The default place of the archives: the SDMX Technical Working Group on GitHub.
// `schemas install --from URL` replaces it by a mirror with the same paths.
inline constexpr const char* kOfficialBaseUrl = "https://github.com/sdmx-twg/";

struct PinnedFile {
    const char* member;  // path inside the archive, below its top folder
    const char* name;    // file name once installed, in the set's folder
    const char* sha256;  // lower-case hexadecimal
};

struct SchemaSet {
    const char* id;            // "sdmx-ml-2.1"
    const char* sdmx_version;  // the SDMX version it belongs to: "2.1" or "3.0"
    const char* title;         // for people
    const char* folder;        // below the schema root: "2.1", "json/1.0"
    const char* archive;       // below the base URL
    std::span<const PinnedFile> files;
};

const std::vector<SchemaSet>& pinned_schema_sets();

}  // namespace csdmx::schemas
