// `citizen-sdmx check`: reads everything in a package — the descriptor, the
// citizen_data metadata and its codes, and every row of every resource — and lists
// every problem in one pass.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "package/data_package.h"
#include "package/table_reader.h"

namespace csdmx::mapping {

struct CheckOptions {
    std::optional<std::filesystem::path> codelists_file;
    std::optional<package::BadRowPolicy> bad_rows;  // overrides the package's
    std::vector<std::string> extra_missing_values;
    bool allow_links_outside = false;  // symbolic links may leave the package folder (package_paths.h)
};

struct ResourceCheck {
    std::string name;
    package::TableStatistics statistics;
};

struct CheckReport {
    Diagnostics diagnostics;
    std::vector<ResourceCheck> resources;
    bool unusable = false;  // the descriptor itself could not be read
};

CheckReport check_package(const std::filesystem::path& descriptor, const CheckOptions& options);

}  // namespace csdmx::mapping
