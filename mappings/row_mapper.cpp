#include "mappings/row_mapper.h"

#include <algorithm>

#include "package/cell_values.h"
#include "sdmx/xml/xml_writer.h"

namespace csdmx::mapping {

RowMapper::RowMapper(const package::Resource& resource, const TablePlan& plan, std::string file)
    : resource_(resource), plan_(plan), file_(std::move(file)) {
    dimensions_ = plan.with_role(ColumnRole::dimension);
    measures_ = plan.with_role(ColumnRole::measure);
    attributes_ = plan.with_role(ColumnRole::attribute);
    time_ = plan.time_column();
    dimension_codes_.resize(dimensions_.size());
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        for (const auto& [value, code] : resource.schema.fields[dimensions_[d]->field_index].sdmx.codes) {
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

    observation_.key.resize(layout_.key_ids.size());
    observation_.attributes.resize(layout_.attribute_ids.size());
    dimension_values_.resize(dimensions_.size());
}

bool RowMapper::bind_header(const package::CsvRecord& header, Diagnostics& diagnostics) {
    const auto& fields = resource_.schema.fields;
    record_position_.assign(fields.size(), -1);
    expected_fields_ = header.fields.size();
    bool usable = true;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        auto found = std::find(header.fields.begin(), header.fields.end(), fields[f].name);
        if (found == header.fields.end()) {
            if (plan_.columns[f].role == ColumnRole::ignore) continue;
            diagnostics.error_at(
                file_, header.line, 1,
                "the header has no column \"" + fields[f].name + "\", which " + fields[f].json_path + " describes");
            usable = false;
            continue;
        }
        record_position_[f] = static_cast<int>(found - header.fields.begin());
    }
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        if (!resource_.schema.find(header.fields[c])) {
            diagnostics.add(
                {Severity::warning,
                 file_,
                 header.line,
                 header.columns[c],
                 {},
                 "column \"" + header.fields[c] + "\" is not described in the Table Schema and is left out"});
        }
    }
    return usable;
}

void RowMapper::bind_by_position() {
    const auto& fields = resource_.schema.fields;
    record_position_.resize(fields.size());
    for (std::size_t f = 0; f < fields.size(); ++f) record_position_[f] = static_cast<int>(f);
    expected_fields_ = fields.size();
}

bool RowMapper::cell(const package::CsvRecord& record, std::size_t field_index, Diagnostics& diagnostics,
                     std::string& value, bool& missing) {
    const auto& field = resource_.schema.fields[field_index];
    int position = record_position_[field_index];
    const std::string& text = record.fields[static_cast<std::size_t>(position)];
    missing = resource_.schema.is_missing(text);
    if (missing) {
        if (field.constraints.required) {
            diagnostics.error_at(file_, record.lines[static_cast<std::size_t>(position)],
                                 record.columns[static_cast<std::size_t>(position)],
                                 "column \"" + field.name + "\": a value is required (constraints.required)");
            return false;
        }
        return true;
    }
    std::string problem = package::normalise_cell(field, text, value);
    std::size_t bad_byte = 0;
    if (problem.empty() && !sdmx::is_xml_text(value, &bad_byte)) {
        problem = "a control character (byte " + std::to_string(bad_byte + 1) +
                  " of the value) cannot be carried by SDMX-ML; remove it";
    }
    if (problem.empty() && !field.constraints.enum_values.empty() &&
        std::find(field.constraints.enum_values.begin(), field.constraints.enum_values.end(), text) ==
            field.constraints.enum_values.end()) {
        problem = "expected one of the values in constraints.enum";
    }
    if (!problem.empty()) {
        diagnostics.error_at(file_, record.lines[static_cast<std::size_t>(position)],
                             record.columns[static_cast<std::size_t>(position)],
                             "column \"" + field.name + "\": " + problem + "; found \"" + text + "\"");
        return false;
    }
    return true;
}

bool RowMapper::map(const package::CsvRecord& record, Diagnostics& diagnostics, const Emit& emit) {
    ++statistics_.rows;
    if (record.fields.size() != expected_fields_) {
        diagnostics.error_at(file_, record.line, 1,
                             "expected " + std::to_string(expected_fields_) + " fields, as in the header; found " +
                                 std::to_string(record.fields.size()));
        return false;
    }
    bool ok = true;
    bool missing = false;

    // Time first: it sets FREQ.
    std::string& time_value = observation_.key.back();
    char frequency = plan_.constant_frequency;
    if (time_ != nullptr) {
        const auto& field = resource_.schema.fields[time_->field_index];
        if (!cell(record, time_->field_index, diagnostics, scratch_, missing)) {
            ok = false;
        } else if (missing) {
            int position = record_position_[time_->field_index];
            diagnostics.error_at(file_, record.lines[static_cast<std::size_t>(position)],
                                 record.columns[static_cast<std::size_t>(position)],
                                 "column \"" + field.name + "\": the time period is missing");
            ok = false;
        } else {
            std::string problem = package::cell_time_period(field, scratch_, time_value, frequency);
            if (!problem.empty()) {
                int position = record_position_[time_->field_index];
                diagnostics.error_at(file_, record.lines[static_cast<std::size_t>(position)],
                                     record.columns[static_cast<std::size_t>(position)],
                                     problem + "; found \"" + scratch_ + "\"");
                ok = false;
            }
        }
    } else {
        time_value = plan_.constant_time_period;
    }

    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        std::size_t field_index = dimensions_[d]->field_index;
        if (!cell(record, field_index, diagnostics, dimension_values_[d], missing)) {
            ok = false;
        } else if (missing) {
            int position = record_position_[field_index];
            diagnostics.error_at(file_, record.lines[static_cast<std::size_t>(position)],
                                 record.columns[static_cast<std::size_t>(position)],
                                 "column \"" + resource_.schema.fields[field_index].name +
                                     "\": a dimension value is missing (SDMX keys cannot be empty); fill it in "
                                     "or map it to a code such as _T (total) or _X (unspecified)");
            ok = false;
        }
    }
    std::size_t attribute_offset = plan_.has_units ? 1 : 0;
    for (std::size_t a = 0; a < attributes_.size(); ++a) {
        std::string& value = observation_.attributes[attribute_offset + a];
        if (!cell(record, attributes_[a]->field_index, diagnostics, value, missing)) ok = false;
        if (missing) value.clear();
    }
    // Check every measure cell before emitting anything, so a bad row emits nothing.
    std::vector<std::string>& measure_values = measure_scratch_;
    measure_values.resize(measures_.size());
    measure_missing_.assign(measures_.size(), 0);
    auto& measure_missing = measure_missing_;
    for (std::size_t m = 0; m < measures_.size(); ++m) {
        if (!cell(record, measures_[m]->field_index, diagnostics, measure_values[m], missing)) ok = false;
        measure_missing[m] = missing ? 1 : 0;
    }
    if (!ok) return false;

    frequencies_.insert(frequency);
    observation_.key[0].assign(1, frequency);
    for (std::size_t d = 0; d < dimensions_.size(); ++d) {
        observation_.key[2 + d] = dimension_codes_[d].code_for(dimension_values_[d]);
    }
    for (std::size_t m = 0; m < measures_.size(); ++m) {
        if (measure_missing[m]) {
            ++statistics_.missing_values;
            continue;
        }
        const auto& field = resource_.schema.fields[measures_[m]->field_index];
        observation_.key[1] = measures_[m]->component_id;
        observation_.value = measure_values[m];
        if (plan_.has_units) observation_.attributes[0] = field.sdmx.unit_code;
        emit(observation_, record.line);
        ++statistics_.observations;
    }
    return true;
}

}  // namespace csdmx::mapping
