// A Frictionless Data Package (datapackage.json) with its tabular resources and
// the citizen_data block that carries the Copenhagen Framework metadata.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "package/table_schema.h"

namespace csdmx::package {

// Table Schema / CSV Dialect (https://specs.frictionlessdata.io/csv-dialect/).
struct CsvDialect {
    char delimiter = ',';
    char quote_char = '"';
    bool double_quote = true;
    char escape_char = 0;  // 0: none
    bool header = true;
    // Rows that make up the header, 1-based (Table Dialect "headerRows"); several
    // rows are joined with header_join, empty upper cells taking the value to their
    // left (merged cells in a spreadsheet).
    std::vector<int> header_rows{1};
    std::string header_join = " ";
    bool skip_initial_space = false;
};

// What to do with a row that is not as the schema says (wrong number of fields,
// a "Total" row, a bad value). Set by the package ("citizen_sdmx": {"bad_rows": ...})
// or on the command line.
enum class BadRowPolicy {
    reject,  // report each as an error; nothing is converted (the default)
    skip,    // report each as a warning and leave the row out
    keep,    // report each as a warning and keep the row (padding or cutting fields);
             // values that are not of their type still cannot be kept
};

struct Resource {
    std::string name;
    std::string title;
    std::string description;
    std::string relative_path;   // as written in the descriptor (the first part's)
    std::filesystem::path path;  // resolved against the package folder (the first part)
    // Every part of the data, in order: one file, or several read one after the
    // other ("path": [...], a Data Resource in parts), each with its own header.
    std::vector<std::filesystem::path> parts;
    std::vector<std::string> relative_parts;
    std::string format = "csv";
    std::string encoding;  // as declared; empty: found from the file
    CsvDialect dialect;
    bool dialect_declared = false;  // false: delimiter and quote are sniffed
    nlohmann::json tabulation;      // the resource's "tabulation" (see docs/tabulation.md); null when none
    TableSchema schema;
    std::string json_path;  // e.g. resources[0]
};

struct DataPackage {
    std::filesystem::path descriptor_path;
    std::filesystem::path base_directory;
    std::string name;
    std::string title;
    std::string description;
    std::vector<Resource> resources;
    nlohmann::json citizen_data;  // null when absent
    BadRowPolicy bad_rows = BadRowPolicy::reject;
    std::vector<std::string> allow_personal;  // citizen_sdmx.allow_personal: personal columns that may be published
    // Symbolic links in the package may lead outside its folder (trusted local use
    // only; off by default, see package_paths.h). Files named later (tabulation
    // areas) follow the same rule.
    bool allow_links_outside = false;
};

struct PackageReadOptions {
    bool allow_links_outside = false;
};

// Reads and checks the descriptor. Problems that still leave a usable descriptor
// are added to `diagnostics`; an unreadable file or invalid JSON throws InputError.
DataPackage read_data_package(const std::filesystem::path& descriptor, Diagnostics& diagnostics,
                              const PackageReadOptions& options = {});

// Parses JSON text, turning a syntax error into an InputError at its line and column.
nlohmann::json parse_json_file(const std::filesystem::path& path);

}  // namespace csdmx::package
