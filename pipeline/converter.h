// The convert pipeline: a citizen data package in, SDMX-ML 2.1 structure and data
// messages out, in one streaming pass over the rows.
//
// prepare_package() checks everything that can be checked without reading rows
// (descriptor, citizen_data, codes, column plan) and reports every problem at once;
// convert_prepared() then streams the rows into the writers.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "copenhagen/citizen_checks.h"
#include "core/diagnostic.h"
#include "mappings/dsd_mapping.h"
#include "mappings/dsd_plan.h"
#include "mappings/dsd_row_mapper.h"
#include "mappings/row_mapper.h"
#include "mappings/table_plan.h"
#include "pipeline/generated_structures.h"
#include "sdmx/data_format.h"
#include "sdmx/output_profile.h"
#include "tabulation/tabulation_spec.h"
#include "tabulation/tabulator.h"

namespace csdmx::mapping {

struct PrepareOptions {
    std::optional<std::filesystem::path> codelists_file;  // default: CITIZEN_SDMX_CODELISTS, else embedded
    std::string agency;                                   // overrides citizen_data.sdmx.agency
    std::string resource;                                 // resource name; may be empty with one resource
    std::optional<package::BadRowPolicy> bad_rows;        // overrides the package's citizen_sdmx.bad_rows
    std::vector<std::string> extra_missing_values;        // besides the schema's missingValues
    // An existing DSD to write for (docs/mapping.md): structure files and the mapping.
    std::vector<std::filesystem::path> dsd_files;
    std::optional<std::filesystem::path> mapping_file;
    bool allow_links_outside = false;  // symbolic links may leave the package folder (package_paths.h)
    // For `check`: plan the resource even when citizen_data or the generated names have
    // errors, and return the prepared package when only those failed, so that one pass
    // finds the problems of the metadata, the plan and the rows together.
    bool keep_going = false;
    // Values of generated dimensions that are valid lower-case SDMX ids ("female"):
    // upper-cased by convention (default) or kept as they are (sdmx/ids.h).
    sdmx::CodeIdCase code_id_case = sdmx::CodeIdCase::upper;
};

// The NSO's DSD the data are written for, with the mapping resolved against it.
struct DsdTarget {
    sdmx::StructureSet structures;  // as read from the --dsd files; the plan points into them
    DsdMapping mapping;
    DsdPlan plan;
    std::string coverage_extent;  // citizen_data.coverage.extent ("" when not stated)
};

struct PreparedPackage {
    package::DataPackage package;
    package::CitizenMetadata metadata;
    CitizenCodelists codelists;
    std::size_t resource_index = 0;
    TablePlan plan;                            // columns as components (tables); the constant period (both)
    std::optional<TabulationSpec> tabulation;  // records to tabulate, when the resource says so
    std::shared_ptr<const DsdTarget> target;   // an existing DSD to write for, when a mapping was given
    GeneratedNames names;
    Qualification qualification;
    std::string column_plan;  // how each column is mapped, for people
    package::BadRowPolicy bad_rows = package::BadRowPolicy::reject;
    std::vector<std::string> extra_missing_values;

    const package::Resource& resource() const { return package.resources[resource_index]; }
};

// nullptr when the package cannot be converted; `diagnostics` says why (with
// keep_going: nullptr only when the resource's own plan failed).
// Warnings (e.g. a validation result that does not clear official use) are added too.
std::unique_ptr<PreparedPackage> prepare_package(const std::filesystem::path& descriptor, const PrepareOptions& options,
                                                 Diagnostics& diagnostics);

// What to write. Several formats are written in the one pass over the rows.
struct ConvertOptions {
    std::vector<sdmx::DataFormat> formats{sdmx::DataFormat::ml21_structure_specific};
    // With a DSD target: a row that breaks one of its rules is an error, or is
    // skipped and listed in <base>-skipped-rows.csv.
    OnError on_error = OnError::reject;
    // Where the messages put what some readers cannot read (docs/formats.md, "Readers").
    sdmx::OutputProfile profile = sdmx::OutputProfile::standard;
    // SHA-256 of input files the caller has already read (path as the package
    // names it -> digest), so provenance does not read them a second time (batch).
    std::map<std::string, std::string> known_sha256;
    // With a DSD mapping: also write Open SDG's input files (docs/mapping.md, The Open SDG path).
    bool open_sdg = false;
};

struct ConvertOutcome {
    std::vector<std::filesystem::path> outputs;
    MappingStatistics statistics;
    std::optional<TabulationReport> tabulation;  // when records were tabulated
    package::TableStatistics table;              // what the reader saw (rows, encoding, delimiter)
};

// Streams the rows into the messages. Returns false (and writes nothing) when a
// row has problems; every problem is in `diagnostics`, up to its error limit.
// Throws EnvironmentError when output cannot be written (nothing is left behind).
bool convert_prepared(const PreparedPackage& prepared, const std::filesystem::path& output_directory,
                      const ConvertOptions& options, Diagnostics& diagnostics, ConvertOutcome& outcome);

}  // namespace csdmx::mapping
