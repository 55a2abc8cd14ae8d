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
#include "package/citizen_metadata.h"
#include "package/data_package.h"
#include "sdmx/ids.h"
#include "tabulation/area_lookup.h"

namespace csdmx::mapping {

struct Condition {
    std::size_t field = 0;
    enum class Test { equals, not_equals, in, gt, gte, lt, lte } test = Test::equals;
    std::vector<std::string> values;  // for equals, not_equals, in (as normalised cell text)
    double number = 0;                // for gt, gte, lt, lte
};

// A disaggregation: its codes come from a column, from coordinates generalised to
// areas, or from which of the unpivoted columns a value was in.
struct GroupBy {
    std::optional<std::size_t> field;                                // a column ...
    std::optional<std::pair<std::size_t, std::size_t>> coordinates;  // ... or latitude, longitude
    std::shared_ptr<const AreaLookup> areas;
    bool from_unpivot = false;  // ... or the unpivoted column
    std::string concept_id;
    std::string name;
    std::vector<std::pair<std::string, std::string>> codes;  // value -> code (unpivot: code -> name)
    bool totals = false;
    std::string missing_code = "_X";
};

// Wide tables ("female_<_5_years", "male_<_5_years", ...: one column per
// disaggregation) made long: each record gives one record per column that has a
// value, the value in the virtual column `value_field`, with the column's codes in
// the unpivot dimensions.
struct Unpivot {
    struct Column {
        std::size_t field = 0;
        std::vector<std::string> codes;  // one per unpivot dimension
    };
    std::size_t value_field = 0;          // index of the virtual column in TabulationSpec::fields
    std::vector<std::size_t> dimensions;  // their positions in TabulationSpec::group_by
    std::vector<Column> columns;
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
    // The table's fields (package::expanded_fields), then the unpivot's virtual
    // value column when there is one. Field indexes below refer to this list.
    std::vector<package::Field> fields;
    std::vector<GroupBy> group_by;
    std::optional<Unpivot> unpivot;
    std::optional<std::size_t> period_field;
    // With period_field: one or more; a record counts at each (daily and annual means).
    std::vector<char> frequencies;
    std::optional<std::size_t> weight_field;
    std::vector<Statistic> statistics;
    int min_cell_size = 10;
    bool secondary_suppression = true;
    // How group-by values that are valid lower-case ids become codes (PrepareOptions).
    sdmx::CodeIdCase code_id_case = sdmx::CodeIdCase::upper;
};

// Reads resource.tabulation against `fields` (package::expanded_fields of the
// schema). Every problem goes to `diagnostics` with its JSON path; nullopt then.
std::optional<TabulationSpec> read_tabulation(const package::DataPackage& package, const package::Resource& resource,
                                              const std::vector<package::Field>& fields,
                                              const package::CitizenMetadata& metadata, Diagnostics& diagnostics);

const char* function_name(Function function);

// The dimension ids of a cell's key in disclosure control, in key order: FREQ, then the
// group_by (and unpivot) dimensions; the period follows.
std::vector<std::string> cell_dimension_ids(const TabulationSpec& spec);

}  // namespace csdmx::mapping
