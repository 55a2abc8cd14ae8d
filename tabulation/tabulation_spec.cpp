#include "tabulation/tabulation_spec.h"

#include <set>

#include "core/embedded_resources.h"
#include "package/json_schema_check.h"
#include "package/package_paths.h"
#include "sdmx/ids.h"

namespace csdmx::mapping {

namespace {

using nlohmann::json;

constexpr const char* kSchemaResource = "docs/schemas/tabulation-1.0.schema.json";

const json& tabulation_schema() {
    static const json schema = json::parse(embedded_resource(kSchemaResource).value());
    return schema;
}

bool is_numeric(const package::Field& field) {
    return field.type == "number" || field.type == "integer";
}

std::string scalar_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class SpecReader {
public:
    SpecReader(const package::DataPackage& package, const package::Resource& resource,
               const std::vector<package::Field>& fields, Diagnostics& diagnostics)
        : package_(package),
          fields_(fields),
          diagnostics_(diagnostics),
          file_(package.descriptor_path.string()),
          path_(resource.json_path + ".tabulation") {}

    void error(const std::string& where, const std::string& message) {
        diagnostics_.error(file_, path_ + where, message, "tabulation");
    }

    std::optional<std::size_t> column(const std::string& name, const std::string& where) {
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            if (fields_[i].name == name) return i;
        }
        error(where, "no column \"" + name + "\" in the Table Schema");
        return std::nullopt;
    }

    // Personal columns are published only when the package allows them by name.
    bool refuse_personal(std::size_t index, const std::string& where, const std::string& as) {
        const auto& field = fields_[index];
        if (field.personal.empty()) return false;
        const auto& allowed = package_.allow_personal;
        if (std::find(allowed.begin(), allowed.end(), field.name) != allowed.end()) return false;
        diagnostics_.error(file_, path_ + where,
                           "column \"" + field.name + "\" holds personal data (" + field.personal +
                               ") and is not published " + as +
                               "; generalise it (e.g. coordinates to areas), or allow it with \"citizen_sdmx\": " +
                               "{\"allow_personal\": [\"" + field.name + "\"]}",
                           "personal");
        return true;
    }

    std::optional<Condition> condition(json& value, const std::string& where) {
        auto index = column(value["column"].get<std::string>(), where + ".column");
        if (!index) return std::nullopt;
        Condition condition;
        condition.field = *index;
        static const std::pair<const char*, Condition::Test> kTests[] = {
            {"equals", Condition::Test::equals}, {"not_equals", Condition::Test::not_equals},
            {"in", Condition::Test::in},         {"gt", Condition::Test::gt},
            {"gte", Condition::Test::gte},       {"lt", Condition::Test::lt},
            {"lte", Condition::Test::lte}};
        int tests = 0;
        for (const auto& [key, test] : kTests) {
            if (!value.contains(key)) continue;
            ++tests;
            condition.test = test;
            json& operand = value[key];
            if (test == Condition::Test::in) {
                for (const auto& item : operand) condition.values.push_back(scalar_text(item));
            } else if (test == Condition::Test::equals || test == Condition::Test::not_equals) {
                condition.values.push_back(scalar_text(operand));
            } else {
                condition.number = operand.get<double>();
                if (!is_numeric(fields_[*index])) {
                    error(where, std::string("\"") + key + "\" compares numbers, but column \"" + fields_[*index].name +
                                     "\" has type " + fields_[*index].type);
                }
            }
        }
        if (tests != 1) {
            error(where, "expected exactly one of equals, not_equals, in, gt, gte, lt, lte");
            return std::nullopt;
        }
        return condition;
    }

    const package::DataPackage& package_;
    const std::vector<package::Field>& fields_;
    Diagnostics& diagnostics_;
    std::string file_;
    std::string path_;
};

const std::set<std::string> kReserved = {"FREQ",         "INDICATOR", "TIME_PERIOD", "OBS_VALUE",
                                         "UNIT_MEASURE", "N_RECORDS", "OBS_STATUS",  "CONF_STATUS"};

// Reads "unpivot": its dimensions join group_by (after the columns' ones), its
// value becomes a virtual column the statistics can name.
void read_unpivot(json& unpivot, SpecReader& reader, std::set<std::string>& ids, TabulationSpec& spec) {
    Unpivot result;
    json& dimensions = unpivot["dimensions"];
    std::vector<std::set<std::string>> known_codes;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
        json& item = dimensions[d];
        const std::string where = ".unpivot.dimensions[" + std::to_string(d) + "]";
        GroupBy group;
        group.from_unpivot = true;
        group.concept_id = item["concept"];
        group.name = item.value("name", group.concept_id);
        known_codes.emplace_back();
        for (const auto& [code, name] : item["codes"].items()) {
            group.codes.emplace_back(code, name.get<std::string>());
            known_codes.back().insert(code);
        }
        if (kReserved.count(group.concept_id) || !ids.insert(group.concept_id).second) {
            reader.error(where + ".concept", "the dimension id " + group.concept_id + " is taken; choose another");
        }
        result.dimensions.push_back(spec.group_by.size());
        spec.group_by.push_back(std::move(group));
    }
    bool all_integer = true;
    for (const auto& [name, codes] : unpivot["columns"].items()) {
        const std::string where = ".unpivot.columns[\"" + name + "\"]";
        auto index = reader.column(name, where);
        if (!index) continue;
        const auto& field = spec.fields[*index];
        if (!is_numeric(field))
            reader.error(where, "column \"" + name + "\" is not a number (type " + field.type + ")");
        all_integer = all_integer && field.type == "integer";
        reader.refuse_personal(*index, where, "as a statistic");
        if (codes.size() != dimensions.size()) {
            reader.error(where, "expected " + std::to_string(dimensions.size()) +
                                    " codes, one per unpivot dimension, in their order");
            continue;
        }
        Unpivot::Column column{*index, codes.get<std::vector<std::string>>()};
        for (std::size_t d = 0; d < codes.size(); ++d) {
            if (!known_codes[d].count(column.codes[d])) {
                reader.error(where, "\"" + column.codes[d] + "\" is not one of the codes of " +
                                        spec.group_by[result.dimensions[d]].concept_id);
            }
        }
        for (const auto& other : result.columns) {
            if (other.codes == column.codes) {
                reader.error(where, "the same codes as column \"" + spec.fields[other.field].name +
                                        "\": a value would count twice in one cell");
            }
        }
        result.columns.push_back(std::move(column));
    }
    package::Field value;
    value.name = unpivot["value"];
    value.title = unpivot.value("name", value.name);
    value.type = all_integer ? "integer" : "number";
    value.json_path = reader.path_ + ".unpivot.value";
    for (const auto& field : spec.fields) {
        if (field.name == value.name) {
            reader.error(".unpivot.value", "\"" + value.name + "\" is already a column; name the value otherwise");
        }
    }
    result.value_field = spec.fields.size();
    spec.fields.push_back(std::move(value));
    spec.unpivot = std::move(result);
}

// Everything the schema cannot say: columns exist and have the right type, ids are
// free, functions have what they need. It works on a copy, through non-const access:
// after a schema error a member may be missing, and a missing member must read as
// null (then a type error, caught) rather than be undefined behaviour.
void read_checked_spec(json spec_json, SpecReader& reader, const package::CitizenMetadata& metadata,
                       TabulationSpec& spec, Diagnostics& diagnostics) {
    const auto& package = reader.package_;
    std::set<std::string> ids;
    if (auto groups = spec_json.find("group_by"); groups != spec_json.end()) {
        for (std::size_t g = 0; g < groups->size(); ++g) {
            json& item = (*groups)[g];
            const std::string where = ".group_by[" + std::to_string(g) + "]";
            GroupBy group;
            const bool by_column = item.contains("column");
            const bool by_place = item.contains("coordinates") || item.contains("areas");
            if (by_column == by_place) {
                reader.error(where, "expected either \"column\", or \"coordinates\" with \"areas\"");
                continue;
            }
            if (by_column) {
                group.field = reader.column(item["column"], where + ".column");
                if (!group.field) continue;
                reader.refuse_personal(*group.field, where + ".column", "as a disaggregation");
                group.concept_id = sdmx::to_sdmx_id(spec.fields[*group.field].name);
                group.name = spec.fields[*group.field].title.empty() ? spec.fields[*group.field].name
                                                                     : spec.fields[*group.field].title;
            } else {
                if (!item.contains("coordinates") || !item.contains("areas")) {
                    reader.error(where, "coordinates need \"areas\", the file of areas they are generalised to");
                    continue;
                }
                auto latitude = reader.column(item["coordinates"][0], where + ".coordinates[0]");
                auto longitude = reader.column(item["coordinates"][1], where + ".coordinates[1]");
                if (!latitude || !longitude) continue;
                for (std::size_t index : {*latitude, *longitude}) {
                    if (!is_numeric(spec.fields[index])) {
                        reader.error(where + ".coordinates",
                                     "column \"" + spec.fields[index].name + "\" is not a number");
                    }
                }
                group.coordinates = std::make_pair(*latitude, *longitude);
                std::filesystem::path areas(item["areas"].get<std::string>());
                if (areas.is_absolute() || areas.lexically_normal().string().rfind("..", 0) == 0) {
                    reader.error(where + ".areas", "expected a file inside the package folder");
                    continue;
                }
                if (const auto problem = package::real_path_problem(
                        package.base_directory, package.base_directory / areas, package.allow_links_outside);
                    !problem.empty()) {
                    reader.error(where + ".areas", "the path \"" + areas.string() + "\" is refused: " + problem);
                    continue;
                }
                try {
                    group.areas = std::make_shared<AreaLookup>(AreaLookup::read(package.base_directory / areas));
                } catch (const InputError& problem) {
                    diagnostics.append(problem.diagnostics());
                    continue;
                }
                group.concept_id = "REF_AREA";
                group.name = "Area";
            }
            if (item.contains("concept")) group.concept_id = item["concept"];
            if (item.contains("name")) group.name = item["name"];
            if (item.contains("codes")) {
                for (const auto& [value, code] : item["codes"].items()) group.codes.emplace_back(value, code);
            }
            group.totals = item.value("totals", false);
            group.missing_code = item.value("missing_code", std::string("_X"));
            if (kReserved.count(group.concept_id) || !ids.insert(group.concept_id).second) {
                reader.error(where,
                             "the dimension id " + group.concept_id + " is taken; give another with \"concept\"");
            }
            spec.group_by.push_back(std::move(group));
        }
    }
    if (auto unpivot = spec_json.find("unpivot"); unpivot != spec_json.end()) {
        read_unpivot(*unpivot, reader, ids, spec);
    }
    if (auto period = spec_json.find("period"); period != spec_json.end()) {
        spec.period_field = reader.column((*period)["column"], ".period.column");
        json& frequency = (*period)["frequency"];
        for (const auto& item : frequency.is_array() ? frequency : json::array({frequency})) {
            const char code = item.get<std::string>()[0];
            if (std::find(spec.frequencies.begin(), spec.frequencies.end(), code) != spec.frequencies.end()) {
                reader.error(".period.frequency", std::string("frequency ") + code + " is listed twice");
            }
            spec.frequencies.push_back(code);
        }
        if (spec.period_field) {
            const auto& type = spec.fields[*spec.period_field].type;
            const bool dates = type == "date" || type == "datetime";
            if (!dates && type != "string" && type != "year" && type != "yearmonth") {
                reader.error(".period.column", "expected a date, date-time or period column; \"" +
                                                   spec.fields[*spec.period_field].name + "\" has type " + type);
            } else if (!dates && spec.frequencies.size() > 1) {
                reader.error(".period.frequency", "several frequencies need a date or date-time column; \"" +
                                                      spec.fields[*spec.period_field].name + "\" holds periods");
            }
        }
    }
    if (auto weight = spec_json.find("weight"); weight != spec_json.end()) {
        spec.weight_field = reader.column(*weight, ".weight");
        if (spec.weight_field && !is_numeric(spec.fields[*spec.weight_field])) {
            reader.error(".weight", "the weight column must be a number");
        }
    }
    std::set<std::string> statistic_ids;
    json& statistics = spec_json["statistics"];
    for (std::size_t s = 0; s < statistics.size(); ++s) {
        json& item = statistics[s];
        const std::string where = ".statistics[" + std::to_string(s) + "]";
        Statistic statistic;
        statistic.id = item["id"];
        statistic.name = item.value("name", statistic.id);
        const std::string function = item["function"];
        static const std::pair<const char*, Function> kFunctions[] = {
            {"count", Function::count}, {"sum", Function::sum},
            {"mean", Function::mean},   {"median", Function::median},
            {"min", Function::min},     {"max", Function::max},
            {"share", Function::share}, {"percentage", Function::percentage}};
        for (const auto& [name, value] : kFunctions) {
            if (function == name) statistic.function = value;
        }
        if (!statistic_ids.insert(statistic.id).second) reader.error(where + ".id", "used twice: " + statistic.id);
        const bool needs_column = statistic.function != Function::count && statistic.function != Function::share &&
                                  statistic.function != Function::percentage;
        if (needs_column) {
            if (!item.contains("column")) {
                reader.error(where, std::string("\"") + function + "\" needs the \"column\" it is computed on");
            } else if ((statistic.field = reader.column(item["column"], where + ".column"))) {
                if (!is_numeric(spec.fields[*statistic.field])) {
                    reader.error(where + ".column",
                                 "column \"" + spec.fields[*statistic.field].name + "\" is not a number");
                }
                reader.refuse_personal(*statistic.field, where + ".column", "as a statistic");
            }
        }
        const bool needs_condition =
            statistic.function == Function::share || statistic.function == Function::percentage;
        if (item.contains("where")) {
            statistic.where = reader.condition(item["where"], where + ".where");
        } else if (needs_condition) {
            reader.error(where, std::string("\"") + function + "\" needs \"where\": which records count");
        }
        if (item.contains("unit")) {
            json& unit = item["unit"];
            statistic.unit_code = unit.is_string() ? unit.get<std::string>() : unit["code"].get<std::string>();
            statistic.unit_name = unit.is_object() ? unit.value("name", statistic.unit_code) : statistic.unit_code;
        }
        if (item.contains("decimals")) statistic.decimals = item["decimals"].get<int>();
        const bool weightable = statistic.function != Function::median && statistic.function != Function::min &&
                                statistic.function != Function::max;
        statistic.weighted = item.value("weighted", spec.weight_field.has_value() && weightable);
        if (statistic.weighted && !weightable) {
            reader.error(where + ".weighted", std::string("\"") + function + "\" is not computed with weights");
        }
        if (statistic.weighted && !spec.weight_field) {
            reader.error(where + ".weighted", "there is no \"weight\" column");
        }
        spec.statistics.push_back(std::move(statistic));
    }
    spec.min_cell_size = spec_json.value("min_cell_size", static_cast<int>(metadata.disclosure_threshold));
    // No threshold at all: citizen_data's check has said it is missing.
    const bool threshold_given = spec_json.contains("min_cell_size") || metadata.disclosure_threshold > 0;
    if (threshold_given && spec.min_cell_size < 3) {
        reader.error(spec_json.contains("min_cell_size") ? ".min_cell_size" : "",
                     "cells must rest on at least 3 records; the threshold is " + std::to_string(spec.min_cell_size) +
                         " (citizen_data.disclosure_threshold, or min_cell_size here): raise it to 3 or more");
    }
    spec.secondary_suppression = spec_json.value("secondary_suppression", true);
}

}  // namespace

const char* function_name(Function function) {
    switch (function) {
        case Function::count:
            return "count";
        case Function::sum:
            return "sum";
        case Function::mean:
            return "mean";
        case Function::median:
            return "median";
        case Function::min:
            return "min";
        case Function::max:
            return "max";
        case Function::share:
            return "share";
        case Function::percentage:
            return "percentage";
    }
    return "count";
}

std::vector<std::string> cell_dimension_ids(const TabulationSpec& spec) {
    std::vector<std::string> ids = {"FREQ"};  // the tabulator's cells begin with their frequency
    for (const auto& group : spec.group_by) ids.push_back(group.concept_id);
    return ids;
}

std::optional<TabulationSpec> read_tabulation(const package::DataPackage& package, const package::Resource& resource,
                                              const std::vector<package::Field>& table_fields,
                                              const package::CitizenMetadata& metadata, Diagnostics& diagnostics) {
    const std::size_t errors_before = diagnostics.error_count();
    const json& spec_json = resource.tabulation;
    TabulationSpec spec;
    spec.fields = table_fields;
    SpecReader reader(package, resource, spec.fields, diagnostics);
    package::check_against_schema(spec_json, tabulation_schema(), reader.file_, reader.path_, diagnostics);

    // The rest is checked even when the schema check failed, so one pass lists every
    // mistake (a wrong function name and a column that does not exist); a value of the
    // wrong shape, already reported, ends it there.
    const bool schema_failed = diagnostics.error_count() > errors_before;
    try {
        read_checked_spec(spec_json, reader, metadata, spec, diagnostics);
    } catch (const json::exception&) {
        if (!schema_failed) throw;
    }
    if (diagnostics.error_count() > errors_before) return std::nullopt;
    return spec;
}

}  // namespace csdmx::mapping
