#include "pipeline/package_check.h"

#include "copenhagen/citizen_checks.h"
#include "copenhagen/citizen_codelists.h"
#include "package/citizen_metadata.h"

namespace csdmx::mapping {

CheckReport check_package(const std::filesystem::path& descriptor, const CheckOptions& options) {
    CheckReport report;
    auto& diagnostics = report.diagnostics;
    diagnostics.set_error_limit(1000);
    package::DataPackage data_package;
    try {
        data_package = package::read_data_package(descriptor, diagnostics, {options.allow_links_outside});
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
        report.unusable = true;
        return report;
    }
    try {
        auto metadata = package::read_citizen_metadata(data_package, diagnostics);
        auto codelists =
            load_citizen_codelists(options.codelists_file ? options.codelists_file : default_codelists_file());
        check_citizen_codes(metadata, codelists, descriptor.string(), diagnostics);
    } catch (const InputError& error) {
        diagnostics.append(error.diagnostics());
    }

    package::TableReadOptions read_options;
    read_options.bad_rows = options.bad_rows.value_or(data_package.bad_rows);
    read_options.extra_missing_values = options.extra_missing_values;
    for (const auto& resource : data_package.resources) {
        ResourceCheck checked;
        checked.name = resource.name;
        std::error_code missing;
        if (resource.parts.empty()) continue;  // the descriptor check has said why
        bool found = true;
        for (const auto& part : resource.parts) {
            if (std::filesystem::is_regular_file(part, missing)) continue;
            diagnostics.error(descriptor.string(), resource.json_path + ".path", "data file not found: " + part.string(),
                              "package");
            found = false;
        }
        if (!found) continue;
        try {
            package::TableReader table(resource, read_options, diagnostics);
            package::TableRow row;
            while (table.next(row)) {
            }
            table.finish();
            checked.statistics = table.statistics();
        } catch (const InputError& error) {
            diagnostics.append(error.diagnostics());  // e.g. a byte the encoding lacks: reading stops there
            // Input beyond a limit (docs/input.md) cannot be used at all, as in convert.
            for (const auto& item : error.diagnostics().items()) report.unusable |= item.kind == "limit";
        }
        report.resources.push_back(std::move(checked));
    }
    return report;
}

}  // namespace csdmx::mapping
