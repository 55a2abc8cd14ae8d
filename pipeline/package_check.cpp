#include "pipeline/package_check.h"

#include <stdlib.h>

#include <set>
#include <tuple>

namespace csdmx::mapping {

namespace {

using DiagnosticKey = std::tuple<int, std::string, std::uint64_t, std::uint64_t, std::string, std::string>;

DiagnosticKey key_of(const Diagnostic& d) {
    return {static_cast<int>(d.severity), d.file, d.line, d.column, d.path, d.message};
}

// Each resource is prepared on its own, so the descriptor's and citizen_data's
// problems come back once per resource: they are listed once.
void append_new(Diagnostics& into, const Diagnostics& from, std::set<DiagnosticKey>& seen) {
    for (const auto& item : from.items()) {
        if (seen.insert(key_of(item)).second) into.add(item);
    }
    into.add_suppressed_errors(from.suppressed_errors());
}

// A private folder for the conversion pass; removed when the check ends.
class ScratchFolder {
public:
    ScratchFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "citizen-sdmx-check.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw EnvironmentError("cannot create a temporary folder for the check in " +
                                   std::filesystem::temp_directory_path().string());
        }
        path_ = pattern;
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// When the plan cannot be made, the rows are still read against the Table Schema.
package::TableStatistics read_rows(const package::Resource& resource, const PrepareOptions& options,
                                   package::BadRowPolicy package_policy, Diagnostics& diagnostics) {
    package::TableReadOptions read_options;
    read_options.bad_rows = options.bad_rows.value_or(package_policy);
    read_options.extra_missing_values = options.extra_missing_values;
    package::TableReader table(resource, read_options, diagnostics);
    package::TableRow row;
    while (table.next(row)) {
    }
    table.finish();
    return table.statistics();
}

bool files_present(const package::Resource& resource, const std::string& descriptor, Diagnostics& diagnostics) {
    bool found = true;
    std::error_code missing;
    for (const auto& part : resource.parts) {
        if (std::filesystem::is_regular_file(part, missing)) continue;
        diagnostics.error(descriptor, resource.json_path + ".path", "data file not found: " + part.string(),
                          "package");
        found = false;
    }
    return found && !resource.parts.empty();
}

}  // namespace

CheckReport check_package(const std::filesystem::path& descriptor, const CheckOptions& options) {
    CheckReport report;
    auto& diagnostics = report.diagnostics;
    diagnostics.set_error_limit(1000);
    package::DataPackage data_package;
    try {
        data_package = package::read_data_package(descriptor, diagnostics, {options.prepare.allow_links_outside});
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
        report.unusable = true;
        return report;
    }
    std::set<DiagnosticKey> seen;
    for (const auto& item : diagnostics.items()) seen.insert(key_of(item));

    // What convert would be asked to convert: the resource named (or the mapping's),
    // else each resource in turn, as `convert --resource` or batch converts them.
    std::vector<std::string> wanted;
    if (!options.prepare.resource.empty() || options.prepare.mapping_file) {
        wanted.push_back(options.prepare.resource);
    } else {
        for (const auto& resource : data_package.resources) wanted.push_back(resource.name);
        if (wanted.size() > 1) {
            diagnostics.note(descriptor.string(), "resources",
                             "the package has " + std::to_string(wanted.size()) +
                                 " resources: each was checked; convert converts one at a time "
                                 "(--resource NAME), batch converts each");
        }
    }
    if (wanted.empty()) {  // no resources: prepare says so, with the metadata's problems
        Diagnostics prepared_diagnostics;
        PrepareOptions prepare = options.prepare;
        prepare.keep_going = true;
        prepare_package(descriptor, prepare, prepared_diagnostics);
        append_new(diagnostics, prepared_diagnostics, seen);
    }
    std::optional<ScratchFolder> scratch;
    for (const auto& name : wanted) {
        PrepareOptions prepare = options.prepare;
        prepare.resource = name;
        prepare.keep_going = true;
        Diagnostics plan_diagnostics;
        auto prepared = prepare_package(descriptor, prepare, plan_diagnostics);
        append_new(diagnostics, plan_diagnostics, seen);

        ResourceCheck checked;
        const package::Resource* resource = nullptr;
        if (prepared) {
            resource = &prepared->resource();
        } else {
            for (const auto& candidate : data_package.resources) {
                if (candidate.name == name) resource = &candidate;
            }
        }
        if (resource == nullptr) continue;  // prepare has said why (no such resource, no mapping)
        checked.name = resource->name;
        Diagnostics row_diagnostics;
        row_diagnostics.set_error_limit(1000);
        // With errors in citizen_data the rows still go through the plan, under
        // placeholders; what those placeholders upset later is not the rows' fault.
        const bool metadata_failed = plan_diagnostics.has_errors();
        try {
            if (prepared) {
                // The conversion itself, into a folder nobody sees: what convert
                // would find in the rows (keys, duplicates, tabulation, the DSD's
                // codes) check finds too.
                if (!scratch) scratch.emplace();
                const auto folder = scratch->path() / std::to_string(report.resources.size());
                ConvertOutcome outcome;
                convert_prepared(*prepared, folder, ConvertOptions{}, row_diagnostics, outcome);
                checked.statistics = outcome.table;
                checked.tabulation = outcome.tabulation;
                if (prepared->tabulation) checked.cell_dimensions = cell_dimension_ids(*prepared->tabulation);
                std::error_code ignored;
                std::filesystem::remove_all(folder, ignored);
            } else if (files_present(*resource, descriptor.string(), row_diagnostics)) {
                checked.statistics = read_rows(*resource, options.prepare, data_package.bad_rows, row_diagnostics);
            }
        } catch (const InputError& error) {
            row_diagnostics.append(error.diagnostics());  // e.g. a byte the encoding lacks: reading stops there
        } catch (const EnvironmentError&) {
            throw;
        } catch (const std::exception&) {
            if (!metadata_failed) throw;
        }
        // Input beyond a limit (docs/input.md) cannot be used at all, as in convert.
        for (const auto& item : row_diagnostics.items()) report.unusable |= item.kind == "limit";
        append_new(diagnostics, row_diagnostics, seen);
        report.resources.push_back(std::move(checked));
    }
    return report;
}

}  // namespace csdmx::mapping
