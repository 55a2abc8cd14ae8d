// Validates SDMX-ML 2.1 and 3.0 messages as a registry would: structure and generic
// data messages against the official schemas of their version; structure-specific
// data against the DSD-specific schema generated from its DSD; data against the
// DSD's rules. The DSDs come from the structure messages (2.1 or 3.0) among the
// files or given as structure files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "sdmx/ml_version.h"

namespace csdmx::sdmx {

enum class MessageKind { structure, generic_data, structure_specific_data, other_message, not_sdmx };

const char* message_kind_name(MessageKind kind);

struct FileReport {
    std::filesystem::path file;
    MessageKind kind = MessageKind::not_sdmx;
    MlVersion version = MlVersion::v2_1;
    bool valid = false;
    Diagnostics diagnostics;
    std::vector<std::string> checks;  // what was checked, for people
};

struct ValidateOptions {
    std::optional<std::filesystem::path> schemas;        // --schemas
    std::vector<std::filesystem::path> structure_files;  // --structure: DSDs for data messages
    std::size_t max_errors_per_file = 100;
    // SDMX-ML 2.1 structure-specific data bodies are checked by a streaming scan
    // (structure_specific_scan.h) and Xerces validates the rest; true runs Xerces on
    // the whole message instead, as the reference (--reference-schema-check).
    bool reference_schema_check = false;
};

// Structure messages among `files` also serve as DSD sources for data messages.
// Throws EnvironmentError when the schemas cannot be found or loaded.
std::vector<FileReport> validate_messages(const std::vector<std::filesystem::path>& files,
                                          const ValidateOptions& options);

// The kind of message from its root element (reads only the start of the file).
MessageKind classify_message(const std::filesystem::path& file, MlVersion* version = nullptr);

}  // namespace csdmx::sdmx
