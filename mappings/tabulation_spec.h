// The "tabulation" of a resource: which records go into which cell (group-by
// columns, a period at a frequency) and what is computed in each (count, sum,
// mean, median, min, max, share, percentage), with disclosure control settings.
// Checked against docs/schemas/tabulation-1.0.schema.json and against the table.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "mappings/area_lookup.h"
#include "package/citizen_metadata.h"
#include "package/data_package.h"

namespace csdmx::mapping {

struct Condition {
    std::size_t field = 0;
    enum class Test { equals, not_equals, in, gt, gte, lt, lte } test = Test::equals;
    std::vector<std::string> values;  // for equals, not_equals, in (as normalised cell text)
    double number = 0;                // for gt, gte, lt, lte
};

struct GroupBy {
    std::optional<std::size_t> field;                  // a column ...
    std::optional<std::pair<std::size_t, std::size_t>> coordinates;  // ... or latitude, longitude
    std::shared_ptr<const AreaLookup> areas;
    std::string concept_id;
    std::string name;
    std::vector<std::pair<std::string, std::string>> codes;  // value -> code
    bool totals = false;
    std::string missing_code = "_X";
};

enum class Function { count, sum, mean, median, min, max, share, percentage };

struct Statistic {
    std::string id;
    std::string name;
    Function function = Function::count;
    std::optional<std::size_t> field;  // the value column
    std::optional<Condition> where;
    std::string unit_code, unit_name;
    std::optional<int> decimals;
    bool weighted = false;
};

struct TabulationSpec {
    std::vector<GroupBy> group_by;
    std::optional<std::size_t> period_field;
    char frequency = 0;  // with period_field
    std::optional<std::size_t> weight_field;
    std::vector<Statistic> statistics;
    int min_cell_size = 10;
    bool secondary_suppression = true;
};

// Reads resource.tabulation against `fields` (package::expanded_fields of the
// schema). Every problem goes to `diagnostics` with its JSON path; nullopt then.
std::optional<TabulationSpec> read_tabulation(const package::DataPackage& package, const package::Resource& resource,
                                              const std::vector<package::Field>& fields,
                                              const package::CitizenMetadata& metadata, Diagnostics& diagnostics);

const char* function_name(Function function);

}  // namespace csdmx::mapping
