#include "pipeline/open_sdg/open_sdg_output.h"

#include <algorithm>

#include "sdmx/csv/csv_data_writer.h"

namespace csdmx::mapping {

namespace {

// Dimensions that are not disaggregations on an Open SDG page: the frequency and
// reporting type say nothing to readers, the series picks the indicator, and a
// national site has one area (docs/mapping.md, Known traps).
bool is_page_dimension(const std::string& id) {
    return id == "FREQ" || id == "REPORTING_TYPE" || id == "REF_AREA";
}

// The attribute columns, in this order, when the plan maps them. The data-config
// snippet (mappings/sdg/open-sdg-data-config.yml) keeps every one of them.
constexpr const char* kAttributeColumns[] = {"UNIT_MEASURE", "UNIT_MULT",  "OBS_STATUS",    "NATURE",
                                             "TIME_DETAIL",  "COMMENT_TS", "SOURCE_DETAIL", "COMMENT_OBS"};

// Totals and "not applicable" are the headline: an empty cell in Open SDG.
std::string disaggregation_cell(const std::string& code) {
    return code == "_T" || code == "_Z" ? std::string() : code;
}

}  // namespace

OpenSdgOutput::OpenSdgOutput(const DsdPlan& plan, std::string folder) : plan_(plan), folder_(std::move(folder)) {
    for (std::size_t i = 0; i < plan.key.size(); ++i) {
        const auto& component = plan.key[i];
        if (component.role == ComponentRole::time) {
            time_position_ = i;
            continue;
        }
        if (component.id == "SERIES") {
            series_position_ = i;
            has_series_ = true;
            column_ids_.push_back("SERIES");
            key_position_.push_back(static_cast<int>(i));
            attribute_position_.push_back(-1);
            continue;
        }
        if (is_page_dimension(component.id)) continue;
        // A dimension the mapping left at its default is the same total everywhere.
        if (!component.mapped) continue;
        column_ids_.push_back(component.id);
        key_position_.push_back(static_cast<int>(i));
        attribute_position_.push_back(-1);
    }
    for (const char* id : kAttributeColumns) {
        const auto& ids = plan.layout.attribute_ids;
        auto found = std::find(ids.begin(), ids.end(), id);
        if (found == ids.end()) continue;
        column_ids_.emplace_back(id);
        key_position_.push_back(-1);
        attribute_position_.push_back(static_cast<int>(found - ids.begin()));
    }
    const auto& attribute_ids = plan.layout.attribute_ids;
    if (auto unit = std::find(attribute_ids.begin(), attribute_ids.end(), "UNIT_MEASURE");
        unit != attribute_ids.end()) {
        unit_position_ = static_cast<int>(unit - attribute_ids.begin());
    }
    if (has_series_ && plan.key[series_position_].codelist != nullptr) {
        for (const auto& code : plan.key[series_position_].codelist->items) {
            const auto* annotation = sdmx::find_annotation(code.annotations, "Indicator");
            if (annotation != nullptr) indicator_by_series_.emplace(code.id, annotation->text.text());
        }
    }
}

std::string OpenSdgOutput::indicator_of(const std::string& series) const {
    auto found = indicator_by_series_.find(series);
    // A national series without an "Indicator" annotation keeps its own code as the page id.
    return found != indicator_by_series_.end() ? found->second : series;
}

void OpenSdgOutput::add(const sdmx::Observation& observation) {
    Row row;
    row.year = observation.key[time_position_];
    row.value = observation.value == "NaN" ? std::string() : observation.value;
    row.cells.reserve(column_ids_.size());
    for (std::size_t c = 0; c < column_ids_.size(); ++c) {
        if (key_position_[c] >= 0) {
            const auto& code = observation.key[static_cast<std::size_t>(key_position_[c])];
            row.cells.push_back(column_ids_[c] == "SERIES" ? code : disaggregation_cell(code));
        } else {
            row.cells.push_back(observation.attributes[static_cast<std::size_t>(attribute_position_[c])]);
        }
    }
    const std::string indicator = has_series_ ? indicator_of(observation.key[series_position_]) : "unknown";
    if (unit_position_ >= 0) {
        const auto& unit = observation.attributes[static_cast<std::size_t>(unit_position_)];
        if (!unit.empty()) units_[indicator].insert(unit);
    }
    rows_[indicator].push_back(std::move(row));
}

// "Micrograms per cubic meter": the names of the units an indicator's rows use, in
// the codelist's words (Open SDG shows computation_units as "Unit of measurement").
std::string OpenSdgOutput::unit_names(const std::string& indicator) const {
    auto found = units_.find(indicator);
    if (found == units_.end()) return {};
    const sdmx::Codelist* codelist = plan_.attributes[static_cast<std::size_t>(unit_position_)].codelist;
    std::string names;
    for (const auto& code : found->second) {
        const sdmx::Code* item = codelist != nullptr ? codelist->find(code) : nullptr;
        if (!names.empty()) names += "; ";
        names += item != nullptr && !item->name.empty() ? item->name.text() : code;
    }
    return names;
}

std::vector<std::string> OpenSdgOutput::write(MessageSet& messages, const OpenSdgFacts& facts) const {
    std::vector<std::string> written;
    for (const auto& [indicator, rows] : rows_) {
        std::string id = indicator;
        std::replace(id.begin(), id.end(), '.', '-');
        std::string text = "Year";
        for (const auto& column : column_ids_) {
            text += ",";
            sdmx::csv::append_csv_field(text, column);
        }
        text += ",Value\n";
        for (const auto& row : rows) {
            sdmx::csv::append_csv_field(text, row.year);
            for (const auto& cell : row.cells) {
                text += ",";
                sdmx::csv::append_csv_field(text, cell);
            }
            text += ",";
            sdmx::csv::append_csv_field(text, row.value);
            text += "\n";
        }
        messages.add_report(folder_ + "/data/indicator_" + id + ".csv").write(text);
        messages.add_report(folder_ + "/meta/" + id + ".md")
            .write(open_sdg_metadata_file(indicator, facts, unit_names(indicator)));
        written.push_back(indicator);
    }
    return written;
}

}  // namespace csdmx::mapping
