#include "mappings/row_mapper.h"

#include "package/cell_values.h"

namespace csdmx::mapping {

RowMapper::RowMapper(const TablePlan& plan, package::BadRowPolicy policy) : plan_(plan), policy_(policy) {
    dimensions_ = plan.with_role(ColumnRole::dimension);
    measures_ = plan.with_role(ColumnRole::measure);
    attributes_ = plan.with_role(ColumnRole::attribute);
    time_ = plan.time_column();
    dimension_codes_.assign(dimensions_.size(), sdmx::CodeAssigner(plan.code_id_case));
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        for (const auto& [value, code] : plan.fields[dimensions_[d]->field_index].sdmx.codes) {
            dimension_codes_[d].preset(value, code);
        }
    }
    if (!plan.constant_time_period.empty()) frequencies_.insert(plan.constant_frequency);

    layout_.key_ids.push_back(kFrequencyId);
    layout_.key_ids.push_back(kIndicatorId);
    for (const auto* column : dimensions_) layout_.key_ids.push_back(column->component_id);
    layout_.key_ids.push_back(kTimePeriodId);
    layout_.measure_id = kObsValueId;
    if (plan.has_units) layout_.attribute_ids.push_back(kUnitMeasureId);
    for (const auto* column : attributes_) layout_.attribute_ids.push_back(column->component_id);
    layout_.series_level.assign(layout_.attribute_ids.size(), false);  // all vary by observation
    layout_.coded.assign(layout_.attribute_ids.size(), false);         // attribute columns are free text
    if (plan.has_units) layout_.coded[0] = true;                       // UNIT_MEASURE

    observation_.key.resize(layout_.key_ids.size());
    observation_.attributes.resize(layout_.attribute_ids.size());
    last_values_.resize(dimensions_.size());
    coded_.assign(dimensions_.size(), false);
}

bool RowMapper::map(const package::TableRow& row, Diagnostics& diagnostics, const Emit& emit) {
    ++statistics_.rows;
    // A key with a hole gives no observation: report it as the policy says.
    const bool as_error = policy_ != package::BadRowPolicy::skip;
    const char* const skipped = as_error ? "" : " (row skipped)";  // only for problems: no string per row
    bool complete = true;

    char frequency = plan_.constant_frequency;
    std::string& time_value = observation_.key.back();
    if (time_ != nullptr) {
        const auto& field = plan_.fields[time_->field_index];
        const auto& cell = row.cells[time_->field_index];
        // Rows come a period at a time: the same text, the same period (time_value holds it).
        const bool same_as_last = have_last_time_ && !cell.missing && cell.value == last_time_text_;
        std::string problem;
        if (same_as_last) {
            frequency = last_time_frequency_;
        } else {
            have_last_time_ = false;
            problem = cell.missing ? "the time period is missing"
                                   : package::cell_time_period(field, cell.value, time_value, frequency);
            if (problem.empty()) {
                last_time_text_ = cell.value;
                last_time_frequency_ = frequency;
                have_last_time_ = true;
            }
        }
        if (!problem.empty()) {
            diagnostics.problem_at(as_error, std::string(row.file), cell.line, cell.column,
                                   "column \"" + field.name + "\": " + problem +
                                       (cell.missing ? "" : "; found \"" + cell.value + "\"") + skipped,
                                   "time");
            complete = false;
        }
    } else {
        time_value = plan_.constant_time_period;
    }
    for (const auto* column : dimensions_) {
        const auto& cell = row.cells[column->field_index];
        if (!cell.missing) continue;
        diagnostics.problem_at(as_error, std::string(row.file), cell.line, cell.column,
                               "column \"" + plan_.fields[column->field_index].name +
                                   "\": a dimension value is missing (SDMX keys cannot be empty); fill it in or map "
                                   "it to a code such as _T (total) or _X (unspecified)" +
                                   skipped,
                               "dimension-missing");
        complete = false;
    }
    if (!complete) {
        ++statistics_.rows_skipped;
        return false;
    }

    // Rows of one file share their frequency: the set is touched when it changes.
    if (observation_.key[0].size() != 1 || observation_.key[0][0] != frequency) {
        frequencies_.insert(frequency);
        observation_.key[0].assign(1, frequency);
    }
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        // A value like the last row's (a site's rows come together) has its code in place.
        const std::string& value = row.cells[dimensions_[d]->field_index].value;
        if (coded_[d] && value == last_values_[d]) continue;
        observation_.key[2 + d] = dimension_codes_[d].code_for(value);
        last_values_[d] = value;
        coded_[d] = true;
    }
    const std::size_t attribute_offset = plan_.has_units ? 1 : 0;
    for (std::size_t a = 0; a < attributes_.size(); ++a) {
        observation_.attributes[attribute_offset + a] = row.cells[attributes_[a]->field_index].value;
    }
    for (const auto* measure : measures_) {
        const auto& cell = row.cells[measure->field_index];
        if (cell.missing) {
            ++statistics_.missing_values;
            continue;
        }
        observation_.key[1] = measure->component_id;
        observation_.value = cell.value;
        if (plan_.has_units) observation_.attributes[0] = plan_.fields[measure->field_index].sdmx.unit_code;
        emit(observation_, row.position());
        ++statistics_.observations;
    }
    return true;
}

namespace {

sdmx::InternationalString title_of(const package::Field& field) {
    return sdmx::InternationalString(field.title.empty() ? field.name : field.title);
}

sdmx::InternationalString description_of(const package::Field& field) {
    return field.description.empty() ? sdmx::InternationalString() : sdmx::InternationalString(field.description);
}

}  // namespace

GeneratedComponents RowMapper::components() const {
    GeneratedComponents components;
    components.origin = "from the Table Schema";
    components.frequencies = frequencies_;
    components.indicator = {kIndicatorId,
                            sdmx::InternationalString("Indicator"),
                            sdmx::InternationalString("What is measured: one code per measure column of the table"),
                            {}};
    CodeNames units;
    for (const auto* measure : measures_) {
        const auto& field = plan_.fields[measure->field_index];
        components.indicator.codes.emplace_back(measure->component_id, title_of(field).text());
        if (!field.sdmx.unit_code.empty()) {
            units.emplace_back(field.sdmx.unit_code,
                               field.sdmx.unit_name.empty() ? field.sdmx.unit_code : field.sdmx.unit_name);
        }
    }
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        const auto& field = plan_.fields[dimensions_[d]->field_index];
        CodedComponent dimension{dimensions_[d]->component_id, title_of(field), description_of(field), {}};
        for (const auto& [value, code] : dimension_codes_[d].assigned()) dimension.codes.emplace_back(code, value);
        components.dimensions.push_back(std::move(dimension));
    }
    if (plan_.has_units) {
        GeneratedAttribute unit{kUnitMeasureId, sdmx::InternationalString("Unit of measure"), {}, units};
        unit.mandatory = plan_.all_measures_have_units;
        components.attributes.push_back(std::move(unit));
    }
    for (const auto* column : attributes_) {
        const auto& field = plan_.fields[column->field_index];
        components.attributes.push_back({column->component_id, title_of(field), description_of(field), std::nullopt});
    }
    return components;
}

}  // namespace csdmx::mapping
