#include "package/citizen_metadata.h"

#include <algorithm>

#include "core/embedded_resources.h"
#include "package/json_schema_check.h"
#include "package/package_inference.h"
#include "sdmx/time_period.h"

namespace csdmx::package {

namespace {

using nlohmann::json;

constexpr const char* kSchemaResource = "docs/schemas/citizen-data-1.0.schema.json";

// Reads a string member if present and a string; anything else was already
// reported by the schema check.
std::string text(const json& object, const char* key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& member(const json& object, const char* key) {
    static const json kNull;
    if (!object.is_object()) return kNull;
    auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

// YYYY-MM-DD in form; whether it is a real date is checked separately.
bool looks_like_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
}

// Text in date form that is not a calendar day (2023-02-30). Text not in date
// form was already reported by the schema check.
bool is_impossible_date(const std::string& text) {
    if (!looks_like_date(text)) return false;
    auto period = sdmx::parse_time_period(text);
    return !period || period->frequency != 'D';
}

// Replaces TODO texts by empty strings, so later checks pass over them.
void blank_todos(json& value) {
    if (value.is_string() && value.get<std::string>().rfind("TODO", 0) == 0) {
        value = "";
    } else if (value.is_structured()) {
        for (auto& member : value) blank_todos(member);
    }
}

}  // namespace

const std::string* CitizenMetadata::level_of(const std::string& stage) const {
    for (const auto& [stage_code, level] : participation) {
        if (stage_code == stage) return &level;
    }
    return nullptr;
}

const json& citizen_data_schema() {
    static const json schema = [] {
        auto text = embedded_resource(kSchemaResource);
        return json::parse(text.value());
    }();
    return schema;
}

CitizenMetadata read_citizen_metadata(const DataPackage& package, Diagnostics& diagnostics) {
    CitizenMetadata metadata;
    const std::string file = package.descriptor_path.string();
    if (package.citizen_data.is_null()) {
        diagnostics.error(file, "citizen_data",
                          "missing; expected the citizen_data object with the Copenhagen Framework "
                          "metadata (producer, participation, method, coverage, consent, licence, "
                          "NSO validation...); see docs/citizen-data.md");
        return metadata;
    }
    // Places `citizen-sdmx init` left for people: one clear error each, and no
    // second error from the schema or the codelists about the same place.
    const auto todos = todo_paths(package.citizen_data);
    for (const auto& path : todos) {
        diagnostics.error(file, path, "still a TODO left by `citizen-sdmx init`; fill it in", "todo");
    }
    auto under_todo = [&](const std::string& path) {
        return std::any_of(todos.begin(), todos.end(), [&](const std::string& todo) {
            return path == todo || path.rfind(todo + ".", 0) == 0 || path.rfind(todo + "[", 0) == 0;
        });
    };
    Diagnostics schema_problems;
    check_against_schema(package.citizen_data, citizen_data_schema(), file, "citizen_data", schema_problems);
    for (const auto& item : schema_problems.items()) {
        if (!under_todo(item.path)) diagnostics.add(item);
    }
    json root_without_todos = package.citizen_data;
    blank_todos(root_without_todos);
    const json& root = root_without_todos;

    const json& producer = member(root, "producer");
    metadata.producer = {text(producer, "id"), text(producer, "name"), text(producer, "type"), text(producer, "url"),
                         text(producer, "contact")};
    metadata.initiative_type = text(root, "initiative_type");
    if (const json& participation = member(root, "participation"); participation.is_object()) {
        for (const auto& [stage, level] : participation.items()) {
            if (level.is_string()) metadata.participation.emplace_back(stage, level.get<std::string>());
            if (level.is_number_integer()) metadata.participation.emplace_back(stage, level.dump());
        }
    }
    metadata.purpose = text(root, "purpose");
    if (const json& indicators = member(root, "target_indicators"); indicators.is_array()) {
        for (const auto& indicator : indicators) {
            if (indicator.is_string()) metadata.target_indicators.push_back(indicator.get<std::string>());
        }
    }
    const json& method = member(root, "method");
    metadata.method = {text(method, "description"), text(method, "instrument"), text(method, "documentation_url")};
    const json& sample = member(root, "sample");
    metadata.sample.description = text(sample, "description");
    metadata.sample.unit = text(sample, "unit");
    if (const json& size = member(sample, "size"); size.is_number_integer()) {
        metadata.sample.size = size.get<std::int64_t>();
    }
    const json& coverage = member(root, "coverage");
    const json& period = member(coverage, "period");
    metadata.coverage = {text(coverage, "population"), text(coverage, "area"), text(coverage, "area_code"),
                         text(period, "start"), text(period, "end")};
    const json& consent = member(root, "consent");
    metadata.consent = {text(consent, "basis"), text(consent, "description")};
    const json& licence = member(root, "licence");
    metadata.licence = {text(licence, "name"), text(licence, "url")};
    if (const json& threshold = member(root, "disclosure_threshold"); threshold.is_number_integer()) {
        metadata.disclosure_threshold = threshold.get<std::int64_t>();
    }
    const json& validation = member(root, "validation");
    metadata.validation = {text(validation, "by"), text(validation, "date"), text(validation, "result"),
                           text(validation, "criteria"), text(validation, "report_url")};
    const json& naming = member(root, "sdmx");
    metadata.sdmx = {text(naming, "agency"), text(naming, "dataflow"), text(naming, "version"), text(naming, "name")};

    // What a schema cannot say: real calendar dates, in order.
    const auto& start = metadata.coverage.period_start;
    const auto& end = metadata.coverage.period_end;
    for (const auto& [value, path] :
         {std::pair{start, "citizen_data.coverage.period.start"}, std::pair{end, "citizen_data.coverage.period.end"},
          std::pair{metadata.validation.date, "citizen_data.validation.date"}}) {
        if (is_impossible_date(value)) {
            diagnostics.error(file, path, "expected a real calendar date YYYY-MM-DD; found \"" + value + "\"");
        }
    }
    if (looks_like_date(start) && looks_like_date(end) && end < start) {
        diagnostics.error(file, "citizen_data.coverage.period",
                          "expected the end (" + end + ") not to be before the start (" + start + ")");
    }
    return metadata;
}

}  // namespace csdmx::package
