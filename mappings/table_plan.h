// Decides which SDMX component each column of a table becomes, from the Table
// Schema (types, primaryKey) and the optional per-field "sdmx" hints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "mappings/generated_components.h"
#include "package/citizen_metadata.h"
#include "package/data_package.h"
#include "sdmx/ids.h"

namespace csdmx::mapping {

enum class ColumnRole { dimension, time, measure, attribute, ignore };

const char* role_name(ColumnRole role);

struct PlannedColumn {
    std::size_t field_index = 0;
    ColumnRole role = ColumnRole::ignore;
    std::string component_id;  // the SDMX component id (dimension, attribute) or the INDICATOR code
    bool inferred = true;      // false when set by an "sdmx" hint
};

struct TablePlan {
    // The fields planned: the schema's, then the 0/1 fields of select_multiple
    // questions (package::expanded_fields).
    std::vector<package::Field> fields;
    std::vector<PlannedColumn> columns;  // one per field, in field order
    // When the table has no time column, every observation gets this period,
    // derived from citizen_data.coverage.period.
    std::string constant_time_period;
    char constant_frequency = 0;
    bool has_units = false;
    bool all_measures_have_units = false;
    // How values that are valid lower-case ids become codes (PrepareOptions::code_id_case).
    sdmx::CodeIdCase code_id_case = sdmx::CodeIdCase::upper;

    std::vector<const PlannedColumn*> with_role(ColumnRole role) const;
    const PlannedColumn* time_column() const;
    // One line per column for people: "district -> dimension DISTRICT (inferred)".
    std::string describe() const;
};

// Adds an error for every problem (no measure, clashing ids, no time at all ...).
// Columns the Table Schema marks "personal" are refused in any published role
// unless named in `allow_personal`.
TablePlan plan_table(const package::Resource& resource, const package::CitizenMetadata& metadata,
                     const std::vector<std::string>& allow_personal, const std::string& file, Diagnostics& diagnostics);

}  // namespace csdmx::mapping
