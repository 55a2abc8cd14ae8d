// `citizen-sdmx check`: runs the whole conversion plan of a package without writing
// anything — the descriptor, the citizen_data metadata and its codes, each resource's
// plan (columns, personal fields, tabulation, the mapping when given) and every row
// through it — and lists every problem in one pass. A package check finds clean is
// one convert accepts (for a package of several resources: each with --resource).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "package/data_package.h"
#include "package/table_reader.h"
#include "pipeline/converter.h"

namespace csdmx::mapping {

struct CheckOptions {
    // As convert takes them: codelists, agency, bad rows, missing values, links,
    // and --resource / --dsd / --mapping to check one resource or one mapping.
    PrepareOptions prepare;
};

struct ResourceCheck {
    std::string name;
    package::TableStatistics statistics;
    std::optional<TabulationReport> tabulation;  // records tabulated: what disclosure control did
    std::vector<std::string> cell_dimensions;    // the ids of its cells' keys (cell_dimension_ids)
};

struct CheckReport {
    Diagnostics diagnostics;
    std::vector<ResourceCheck> resources;
    bool unusable = false;  // the descriptor itself could not be read
};

CheckReport check_package(const std::filesystem::path& descriptor, const CheckOptions& options);

}  // namespace csdmx::mapping
