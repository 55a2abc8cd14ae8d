#include "mappings/dsd_row_mapper.h"

#include <algorithm>
#include <cstdlib>

#include "core/ascii.h"
#include "mappings/honest_coverage.h"
#include "sdmx/csv/csv_data_writer.h"
#include "sdmx/time_period.h"

namespace csdmx::mapping {

namespace {

bool is_numeric_type(const std::string& type) {
    static const char* const kNumeric[] = {"Double", "Float",      "Decimal", "Integer", "Long",
                                           "Short",  "BigInteger", "Numeric", "Count"};
    return std::any_of(std::begin(kNumeric), std::end(kNumeric), [&](const char* t) { return type == t; });
}

bool is_number(const std::string& text) {
    if (text.empty()) return false;
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

std::string where(const PlannedComponent& component) {
    return "component " + component.id +
           (component.source.kind == ValueSource::Kind::column ? " (column \"" + component.source.name + "\")" : "");
}

}  // namespace

DsdRowMapper::DsdRowMapper(const DsdPlan& plan, OnError on_error, ByteSink* skipped_report)
    : plan_(plan), on_error_(on_error), report_(skipped_report) {
    observation_.key.resize(plan.key.size());
    observation_.attributes.resize(plan.attributes.size());
    for (std::size_t i = 0; i < plan.key.size(); ++i) {
        if (plan.key[i].id == plan.frequency_dimension && !plan.frequency_dimension.empty()) frequency_position_ = i;
    }
    if (report_ != nullptr) report_->write("file,line,column,component,problem\r\n");
}

bool DsdRowMapper::value_of(const PlannedComponent& component, const package::TableRow& row, std::string& value,
                            Problem& problem) const {
    if (!component.mapped || component.source.kind != ValueSource::Kind::column) {
        value = component.fixed_value;
        return true;
    }
    const auto& cell = row.cells[component.field_index];
    problem.line = cell.line;
    problem.column = cell.column;
    problem.component = component.id;
    if (cell.missing || cell.value.empty()) {
        if (component.source.missing) {
            value = *component.source.missing;
            return true;
        }
        value.clear();
        if (component.role == ComponentRole::attribute && !component.mandatory) return true;
        if (component.role == ComponentRole::measure) return true;  // written as NaN below
        problem.message = where(component) + ": the value is missing" +
                          (component.role == ComponentRole::attribute ? " and the attribute is mandatory" : "") +
                          "; give the cell a value, or the mapping a \"missing\" code";
        return false;
    }
    auto code = component.source.codes.find(cell.value);
    value = code == component.source.codes.end() ? cell.value : code->second;
    if (!component.code_by_name.empty() && component.codelist != nullptr && !component.codelist->contains(value)) {
        auto named = component.code_by_name.find(ascii_lower(value));
        if (named != component.code_by_name.end()) value = named->second;
    }
    if (component.codelist != nullptr && !component.codelist->contains(value)) {
        problem.message = where(component) + ": code \"" + value + "\"" +
                          (value == cell.value ? "" : " (from \"" + cell.value + "\")") + " is not in " +
                          component.codelist->ref.to_string() + " (allowed: " + sdmx::list_ids(*component.codelist, 8) +
                          "); add it to the mapping's codes";
        return false;
    }
    if (auto constrained = constraint_problem(component, value)) {
        problem.message = where(component) + ": " + *constrained;
        return false;
    }
    if (auto refused = component.refused.find(value); refused != component.refused.end()) {
        problem.message = where(component) + ": " + refused->second;
        return false;
    }
    if (component.role == ComponentRole::measure &&
        is_numeric_type(component.text_type.empty() ? "Double" : component.text_type)) {
        if (!is_number(value)) {
            problem.message = where(component) + ": expected a number (" +
                              (component.text_type.empty() ? "Double" : component.text_type) + "), found \"" + value +
                              "\"";
            return false;
        }
    }
    return true;
}

bool DsdRowMapper::check_time(const std::string& frequency, std::string& period, Problem& problem) const {
    auto parsed = sdmx::parse_time_period_lenient(period);
    if (!parsed) {
        problem.message = "component " + problem.component + ": \"" + period +
                          "\" is not a time period (expected e.g. 2024, 2024-Q1, 2024-03, 2024-W09, 2024-03-31)";
        return false;
    }
    period = parsed->value;
    if (!frequency.empty() && frequency.size() == 1 && frequency[0] != parsed->frequency) {
        problem.message = "component " + problem.component + ": " + period + " is a period of frequency " +
                          std::string(1, parsed->frequency) + " (" + sdmx::frequency_name(parsed->frequency) +
                          ") but FREQ is " + frequency;
        return false;
    }
    if (parsed->frequency == 'A') {
        if (auto short_year = annual_coverage_problem(plan_, period)) {
            problem.message = "component " + problem.component + ": " + *short_year;
            return false;
        }
    }
    return true;
}

void DsdRowMapper::map(const package::TableRow& row, Diagnostics& diagnostics, const Emit& emit) {
    ++statistics_.rows;
    for (const auto& [field, values] : plan_.keep_rows) {
        const auto& cell = row.cells[field];
        const std::string value = cell.missing ? "" : cell.value;
        if (std::find(values.begin(), values.end(), value) == values.end()) {
            ++statistics_.rows_not_selected;
            return;
        }
    }

    Problem problem;
    problem.line = row.line;
    bool ok = true;
    for (std::size_t i = 0; ok && i < plan_.key.size(); ++i)
        ok = value_of(plan_.key[i], row, observation_.key[i], problem);
    if (ok && !plan_.key.empty() && plan_.key.back().role == ComponentRole::time) {
        problem.component = plan_.key.back().id;
        const std::string frequency =
            frequency_position_ < plan_.key.size() ? observation_.key[frequency_position_] : "";
        ok = check_time(frequency, observation_.key.back(), problem);
    }
    if (ok) {
        ok = value_of(plan_.measure, row, observation_.value, problem);
        // SDG platforms (sdg-build) expect OBS_VALUE on every observation: a missing
        // value is written as NaN, the SDMX missing value, beside its OBS_STATUS.
        if (ok && observation_.value.empty()) observation_.value = "NaN";
    }
    for (std::size_t i = 0; ok && i < plan_.attributes.size(); ++i) {
        ok = value_of(plan_.attributes[i], row, observation_.attributes[i], problem);
    }
    if (ok) {
        ++statistics_.observations;
        emit(observation_, row.position());
        return;
    }
    const std::string file(row.file);
    if (on_error_ == OnError::skip && report_ != nullptr) {
        ++statistics_.rows_skipped;
        std::string line;
        sdmx::csv::append_csv_field(line, file);
        line += "," + std::to_string(problem.line) + "," + std::to_string(problem.column) + ",";
        sdmx::csv::append_csv_field(line, problem.component);
        line += ",";
        sdmx::csv::append_csv_field(line, problem.message);
        line += "\r\n";
        report_->write(line);
        return;
    }
    diagnostics.error_at(file, problem.line, problem.column, problem.message, "dsd");
}

}  // namespace csdmx::mapping
