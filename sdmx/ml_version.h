// SDMX-ML 2.1 and 3.0 share most of their data message layout; what differs
// (namespaces, how structures are referenced) is chosen by version.
#pragma once

namespace csdmx::sdmx {

enum class MlVersion { v2_1, v3_0 };

struct MlNamespaces {
    const char* message;
    const char* common;
    const char* structure;
    const char* structure_specific;
    const char* label;  // "SDMX-ML 2.1", for people; its number names the schema folder
    const char* schema_folder;
};

const MlNamespaces& namespaces_of(MlVersion version);

}  // namespace csdmx::sdmx
