#include "mappings/table_plan.h"

#include <algorithm>
#include <optional>
#include <set>

#include "sdmx/ids.h"
#include "sdmx/time_period.h"

namespace csdmx::mapping {

namespace {

// A datetime (a sensor's timestamp) is a time column too: its day is the period, at
// the field's sdmx.frequency (default D).
bool is_time_type(const std::string& type) {
    return type == "date" || type == "datetime" || type == "year" || type == "yearmonth";
}
bool is_numeric_type(const std::string& type) {
    return type == "number" || type == "integer";
}

ColumnRole role_from_hint(const std::string& role) {
    if (role == "dimension") return ColumnRole::dimension;
    if (role == "time") return ColumnRole::time;
    if (role == "measure") return ColumnRole::measure;
    if (role == "attribute") return ColumnRole::attribute;
    return ColumnRole::ignore;
}

}  // namespace

const char* role_name(ColumnRole role) {
    switch (role) {
        case ColumnRole::dimension:
            return "dimension";
        case ColumnRole::time:
            return "time";
        case ColumnRole::measure:
            return "measure";
        case ColumnRole::attribute:
            return "attribute";
        case ColumnRole::ignore:
            return "ignored";
    }
    return "ignored";
}

std::vector<const PlannedColumn*> TablePlan::with_role(ColumnRole role) const {
    std::vector<const PlannedColumn*> selected;
    for (const auto& column : columns) {
        if (column.role == role) selected.push_back(&column);
    }
    return selected;
}

const PlannedColumn* TablePlan::time_column() const {
    auto time = with_role(ColumnRole::time);
    return time.empty() ? nullptr : time.front();
}

std::string TablePlan::describe() const {
    std::string text;
    for (const auto& column : columns) {
        const auto& field = fields[column.field_index];
        text += "    " + field.name + " -> " + role_name(column.role);
        if (column.role == ColumnRole::measure) {
            text += " (INDICATOR code " + column.component_id + ")";
        } else if (column.role != ColumnRole::ignore) {
            text += " " + column.component_id;
        }
        text += column.inferred ? " (inferred)" : " (declared)";
        text += "\n";
    }
    if (!constant_time_period.empty()) {
        text += "    TIME_PERIOD = " + constant_time_period + " for every row (from citizen_data.coverage.period)\n";
    }
    return text;
}

TablePlan plan_table(const package::Resource& resource, const package::CitizenMetadata& metadata,
                     const std::vector<std::string>& allow_personal, const std::string& file,
                     Diagnostics& diagnostics) {
    TablePlan plan;
    const auto& schema = resource.schema;
    plan.fields = package::expanded_fields(schema);
    const auto& fields = plan.fields;
    const std::set<std::string> primary_key(schema.primary_key.begin(), schema.primary_key.end());
    bool time_taken = std::any_of(fields.begin(), fields.end(), [](const auto& f) { return f.sdmx.role == "time"; });

    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& field = fields[i];
        PlannedColumn column;
        column.field_index = i;
        if (!field.sdmx.role.empty()) {
            column.role = role_from_hint(field.sdmx.role);
            column.inferred = false;
        } else if (is_time_type(field.type) && !time_taken) {
            column.role = ColumnRole::time;
            time_taken = true;
        } else if (primary_key.count(field.name) || (primary_key.empty() && !is_numeric_type(field.type) &&
                                                     (field.type == "string" || field.type == "boolean"))) {
            // The key's columns; without a declared key, the text columns.
            column.role = ColumnRole::dimension;
        } else if (is_numeric_type(field.type)) {
            column.role = ColumnRole::measure;
        } else {
            column.role = ColumnRole::attribute;
        }
        column.component_id = field.sdmx.concept_id.empty() ? sdmx::to_sdmx_id(field.name) : field.sdmx.concept_id;
        if (column.role != ColumnRole::ignore && column.component_id.empty()) {
            diagnostics.error(file, field.json_path,
                              "the field name \"" + field.name +
                                  "\" has no letter or digit to make an SDMX id from; set sdmx.concept");
        }
        if (column.role == ColumnRole::time) column.component_id = kTimePeriodId;
        if (column.role != ColumnRole::ignore && !field.personal.empty() &&
            std::find(allow_personal.begin(), allow_personal.end(), field.name) == allow_personal.end()) {
            diagnostics.error(file, field.json_path,
                              "column \"" + field.name + "\" holds personal data (" + field.personal +
                                  ") and is not published as a " + role_name(column.role) +
                                  "; give it \"sdmx\": {\"role\": \"ignore\"}, tabulate the records, or allow it "
                                  "with \"citizen_sdmx\": {\"allow_personal\": [\"" + field.name + "\"]}",
                              "personal");
        }
        plan.columns.push_back(std::move(column));
    }

    // Ids must be unique among components, and not clash with the ones the DSD adds.
    std::set<std::string> taken = {kFrequencyId, kIndicatorId, kTimePeriodId, kObsValueId, kUnitMeasureId};
    std::set<std::string> measure_codes;
    for (const auto& column : plan.columns) {
        const auto& field = fields[column.field_index];
        if (column.role == ColumnRole::measure) {
            if (!measure_codes.insert(column.component_id).second) {
                diagnostics.error(file, field.json_path,
                                  "two measure columns give the same INDICATOR code " + column.component_id +
                                      "; set sdmx.concept on one of them");
            }
            continue;
        }
        if (column.role != ColumnRole::dimension && column.role != ColumnRole::attribute) continue;
        if (!taken.insert(column.component_id).second) {
            diagnostics.error(file, field.json_path,
                              "column \"" + field.name + "\" would become component " + column.component_id +
                                  ", which is already used; set sdmx.concept to another id");
        }
    }

    auto measures = plan.with_role(ColumnRole::measure);
    if (measures.empty()) {
        diagnostics.error(file, resource.json_path + ".schema.fields",
                          "no measure column; expected at least one number or integer field outside the "
                          "primaryKey (or a field with \"sdmx\": {\"role\": \"measure\"})");
    }
    std::size_t with_unit = 0;
    for (const auto* measure : measures) {
        if (!fields[measure->field_index].sdmx.unit_code.empty()) ++with_unit;
    }
    plan.has_units = with_unit > 0;
    plan.all_measures_have_units = !measures.empty() && with_unit == measures.size();

    if (plan.time_column() == nullptr) {
        const auto& start = metadata.coverage.period_start;
        const auto& end = metadata.coverage.period_end;
        if (auto period = sdmx::period_covering(start, end)) {
            plan.constant_time_period = period->value;
            plan.constant_frequency = period->frequency;
        } else if (!start.empty() && !end.empty()) {
            diagnostics.error(file, resource.json_path + ".schema.fields",
                              "no time column, and citizen_data.coverage.period (" + start + " to " + end +
                                  ") spans more than one calendar year; expected a date, year or yearmonth "
                                  "field, or a field with \"sdmx\": {\"role\": \"time\"}");
        }
    }
    return plan;
}

}  // namespace csdmx::mapping
