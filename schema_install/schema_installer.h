// `citizen-sdmx schemas install` and `schemas list`: the official SDMX-ML XSDs and
// SDMX-JSON schemas on a user's machine, where validation finds them by default
// (sdmx/validation/schema_location.h).
//
// An install downloads each wanted set's archive, reads it in memory, and keeps
// the set only when every pinned file (schema_install/pinned_schemas.h) is in it
// with its pinned SHA-256. All sets of one install are checked in a staging folder
// before any is moved into place: on any mismatch, missing file, unsafe entry name
// or failed download nothing is installed and what was there stays as it was.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "registry/http_client.h"
#include "schema_install/pinned_schemas.h"

namespace csdmx::schemas {

// Written into each installed set's folder: where its archive came from.
inline constexpr const char* kSourceRecord = ".citizen-sdmx-source.json";

struct InstallOptions {
    std::vector<std::string> versions{"2.1", "3.0"};  // SDMX versions whose sets to install
    std::optional<std::filesystem::path> root;        // default: sdmx::user_schema_root()
    std::string base_url = kOfficialBaseUrl;          // a mirror with the same paths
    registry::HttpOptions http;
};

struct InstalledSet {
    const SchemaSet* set = nullptr;
    std::filesystem::path folder;
    std::string source;  // the URL the archive was fetched from (after redirects)
    bool replaced = false;
};

struct InstallReport {
    std::filesystem::path root;
    std::vector<InstalledSet> sets;
    std::string table() const;
    std::string json() const;
};

// Throws InputError with one diagnostic per problem when an archive does not hold
// the pinned files; registry::UnreachableError when a download fails (also for an
// answer that is not 200); std::invalid_argument for an unknown version or bad URL.
InstallReport install_schemas(const InstallOptions& options);

enum class SetState { installed, absent, damaged };

struct ListedSet {
    const SchemaSet* set = nullptr;
    std::filesystem::path folder;
    SetState state = SetState::absent;
    std::string detail;  // for a damaged set: which files are missing or changed
    std::string source;  // recorded at install time, "" when unknown
};

struct SchemaListing {
    std::filesystem::path root;
    std::vector<ListedSet> sets;
    std::string table() const;
    std::string json() const;
};

// What is installed under `root` (default: sdmx::user_schema_root()), each file
// checked against its pinned digest again.
SchemaListing list_schemas(const std::optional<std::filesystem::path>& root);

// The versions named by "2.1", "3.0" or "all".
std::vector<std::string> parse_schema_versions(const std::string& text);

}  // namespace csdmx::schemas
