#include "package/data_package.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/input_limits.h"
#include "package/json_text.h"
#include "package/package_paths.h"
#include "sdmx/ids.h"

namespace csdmx::package {

namespace {

using nlohmann::json;

constexpr std::string_view kFieldTypes[] = {"string",    "number",   "integer",  "boolean",  "object",
                                            "array",     "date",     "time",     "datetime", "year",
                                            "yearmonth", "duration", "geopoint", "geojson",  "any"};
constexpr std::string_view kRoles[] = {"dimension", "time", "measure", "attribute", "ignore"};

// An SDMX id short enough to be one (core/input_limits.h).
bool is_usable_id(const std::string& text) {
    return text.size() <= limits::kMaxIdentifierLength && sdmx::is_sdmx_id(text);
}

template <std::size_t N>
bool one_of(const std::string_view (&choices)[N], const std::string& value) {
    return std::find(std::begin(choices), std::end(choices), value) != std::end(choices);
}

// "a.b" for a nested member, "b" at the root.
std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

std::string type_name(const json& value) {
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "a string";
    if (value.is_array()) return "an array";
    return "an object";
}

class DescriptorReader {
public:
    DescriptorReader(std::string file, Diagnostics& diagnostics, bool allow_links_outside)
        : file_(std::move(file)), diagnostics_(diagnostics), allow_links_outside_(allow_links_outside) {}

    void error(const std::string& path, const std::string& message) { diagnostics_.error(file_, path, message); }

    // Reads an optional string member; reports a wrong type.
    std::string string_member(const json& object, const char* key, const std::string& path, std::string fallback = {}) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return fallback;
        if (!it->is_string()) {
            error(join(path, key), "expected a string, found " + type_name(*it));
            return fallback;
        }
        return it->get<std::string>();
    }

    bool bool_member(const json& object, const char* key, const std::string& path, bool fallback) {
        auto it = object.find(key);
        if (it == object.end()) return fallback;
        if (!it->is_boolean()) {
            error(join(path, key), "expected true or false, found " + type_name(*it));
            return fallback;
        }
        return it->get<bool>();
    }

    char char_member(const json& object, const char* key, const std::string& path, char fallback) {
        std::string text = string_member(object, key, path, std::string(1, fallback));
        if (text.size() != 1) {
            error(join(path, key), "expected a single character, found \"" + text + "\"");
            return fallback;
        }
        return text[0];
    }

    std::vector<std::string> string_list(const json& value, const std::string& path) {
        std::vector<std::string> items;
        if (!value.is_array()) {
            error(path, "expected an array of strings, found " + type_name(value));
            return items;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i].is_string()) {
                items.push_back(value[i].get<std::string>());
            } else {
                error(path + "[" + std::to_string(i) + "]", "expected a string, found " + type_name(value[i]));
            }
        }
        return items;
    }

    CsvDialect read_dialect(const json& value, const std::string& path) {
        CsvDialect dialect;
        if (!value.is_object()) {
            error(path, "expected a CSV dialect object, found " + type_name(value));
            return dialect;
        }
        dialect.delimiter = char_member(value, "delimiter", path, ',');
        dialect.quote_char = char_member(value, "quoteChar", path, '"');
        dialect.double_quote = bool_member(value, "doubleQuote", path, true);
        if (value.contains("escapeChar")) dialect.escape_char = char_member(value, "escapeChar", path, 0);
        dialect.header = bool_member(value, "header", path, true);
        if (!dialect.header) dialect.header_rows.clear();
        if (auto rows = value.find("headerRows"); rows != value.end()) {
            dialect.header_rows.clear();
            bool valid = rows->is_array() && !rows->empty();
            int previous = 0;
            for (const auto& row : valid ? *rows : json::array()) {
                if (!row.is_number_integer() || row.get<int>() <= previous) {
                    valid = false;
                    break;
                }
                previous = row.get<int>();
                dialect.header_rows.push_back(previous);
            }
            if (!valid) {
                error(path + ".headerRows", "expected rising row numbers such as [1, 2]");
                dialect.header_rows = {1};
            }
        }
        dialect.header_join = string_member(value, "headerJoin", path, " ");
        dialect.skip_initial_space = bool_member(value, "skipInitialSpace", path, false);
        if (dialect.delimiter == '\n' || dialect.delimiter == '\r' || dialect.delimiter == dialect.quote_char) {
            error(path + ".delimiter", "the delimiter must differ from the quote character and line breaks");
        }
        return dialect;
    }

    SdmxFieldHints read_hints(const json& value, const std::string& path) {
        SdmxFieldHints hints;
        if (!value.is_object()) {
            error(path, "expected an object with role, concept, codes or unit, found " + type_name(value));
            return hints;
        }
        for (const auto& [key, member] : value.items()) {
            if (key != "role" && key != "concept" && key != "codes" && key != "unit" && key != "frequency") {
                error(join(path, key), "unknown SDMX hint; expected role, concept, codes, unit or frequency");
            }
        }
        std::string frequency = string_member(value, "frequency", path);
        if (!frequency.empty()) {
            if (frequency.size() != 1 || std::string("ASQMWD").find(frequency[0]) == std::string::npos) {
                error(path + ".frequency", "expected one of A, S, Q, M, W, D; found \"" + frequency + "\"");
            } else {
                hints.frequency = frequency[0];
            }
        }
        hints.role = string_member(value, "role", path);
        if (!hints.role.empty() && !one_of(kRoles, hints.role)) {
            error(path + ".role",
                  "expected one of dimension, time, measure, attribute, ignore; found \"" + hints.role + "\"");
        }
        hints.concept_id = string_member(value, "concept", path);
        if (!hints.concept_id.empty() && !is_usable_id(hints.concept_id)) {
            error(path + ".concept",
                  "expected an SDMX id (letters, digits, _ - @ $; at most 255), found \"" + hints.concept_id + "\"");
        }
        if (auto codes = value.find("codes"); codes != value.end()) {
            if (!codes->is_object()) {
                error(path + ".codes", "expected an object mapping values to codes");
            } else {
                for (const auto& [from, to] : codes->items()) {
                    if (!to.is_string() || !is_usable_id(to.get<std::string>())) {
                        error(join(path + ".codes", from), "expected an SDMX code id (letters, digits, _ - @ $)");
                        continue;
                    }
                    hints.codes[from] = to.get<std::string>();
                }
            }
        }
        if (auto unit = value.find("unit"); unit != value.end()) {
            if (unit->is_string()) {
                hints.unit_code = unit->get<std::string>();
            } else if (unit->is_object()) {
                hints.unit_code = string_member(*unit, "code", path + ".unit");
                hints.unit_name = string_member(*unit, "name", path + ".unit");
            } else {
                error(path + ".unit", "expected a unit code or {\"code\": ..., \"name\": ...}");
            }
            if (!hints.unit_code.empty() && !is_usable_id(hints.unit_code)) {
                error(path + ".unit", "expected an SDMX code id for the unit, found \"" + hints.unit_code + "\"");
            }
        }
        return hints;
    }

    Field read_field(const json& value, const std::string& path) {
        Field field;
        field.json_path = path;
        if (!value.is_object()) {
            error(path, "expected a field object, found " + type_name(value));
            return field;
        }
        field.name = string_member(value, "name", path);
        if (field.name.empty()) error(path + ".name", "expected the field's name (the column header)");
        if (value.contains("type")) {
            field.type = string_member(value, "type", path, "string");
        } else if (value.contains("datatype")) {
            // Seen in real packages (e.g. Covid19Kerala.info-Data): "datatype" for "type".
            field.type = string_member(value, "datatype", path, "string");
            ++datatype_fields_;
        }
        if (!one_of(kFieldTypes, field.type)) {
            error(path + ".type",
                  "expected a Table Schema type (string, number, integer, boolean, "
                  "date, datetime, year, yearmonth, ...), found \"" +
                      field.type + "\"");
        }
        field.format = string_member(value, "format", path, "default");
        field.title = string_member(value, "title", path);
        field.description = string_member(value, "description", path);
        field.decimal_char = string_member(value, "decimalChar", path, ".");
        field.group_char = string_member(value, "groupChar", path);
        field.bare_number = bool_member(value, "bareNumber", path, true);
        if (auto select = value.find("selectMultiple"); select != value.end()) {
            SelectMultiple multiple;
            if (!select->is_object() || !select->contains("choices")) {
                error(path + ".selectMultiple", "expected {\"choices\": [...], \"separator\": \" \"}");
            } else {
                multiple.choices = string_list((*select)["choices"], path + ".selectMultiple.choices");
                multiple.separator = string_member(*select, "separator", path + ".selectMultiple", " ");
                if (multiple.separator.empty()) error(path + ".selectMultiple.separator", "expected a separator");
                field.select_multiple = std::move(multiple);
            }
        }
        if (value.contains("trueValues")) field.true_values = string_list(value["trueValues"], path + ".trueValues");
        if (value.contains("falseValues"))
            field.false_values = string_list(value["falseValues"], path + ".falseValues");
        if (auto constraints = value.find("constraints"); constraints != value.end()) {
            read_constraints(*constraints, path + ".constraints", field.constraints);
        }
        if (auto personal = value.find("personal"); personal != value.end()) {
            if (personal->is_boolean()) {
                field.personal = personal->get<bool>() ? "personal" : "";
            } else if (personal->is_string() && !personal->get<std::string>().empty()) {
                field.personal = personal->get<std::string>();
            } else {
                error(path + ".personal", "expected true, false or a kind such as name, phone, coordinates, free_text");
            }
        }
        if (auto hints = value.find("sdmx"); hints != value.end()) {
            field.sdmx = read_hints(*hints, path + ".sdmx");
        }
        return field;
    }

    static std::optional<std::string> scalar_text(const json& value) {
        if (value.is_string()) return value.get<std::string>();
        if (value.is_number()) return value.dump();
        return std::nullopt;
    }

    void read_constraints(const json& value, const std::string& path, FieldConstraints& constraints) {
        if (!value.is_object()) {
            error(path, "expected a constraints object, found " + type_name(value));
            return;
        }
        constraints.required = bool_member(value, "required", path, false);
        constraints.unique = bool_member(value, "unique", path, false);
        if (auto values = value.find("enum"); values != value.end()) {
            if (!values->is_array()) {
                error(path + ".enum", "expected an array of allowed values");
            } else {
                for (const auto& item : *values) {
                    if (auto text = scalar_text(item)) constraints.enum_values.push_back(*text);
                }
            }
        }
        for (const char* key : {"minimum", "maximum"}) {
            if (auto it = value.find(key); it != value.end()) {
                auto text = scalar_text(*it);
                if (!text) error(path + "." + key, "expected a number or a string");
                (std::string(key) == "minimum" ? constraints.minimum : constraints.maximum) = text;
            }
        }
        if (value.contains("pattern")) constraints.pattern = string_member(value, "pattern", path);
        for (const char* key : {"minLength", "maxLength"}) {
            if (auto it = value.find(key); it != value.end()) {
                if (!it->is_number_unsigned()) {
                    error(path + "." + key, "expected a whole number");
                    continue;
                }
                (std::string(key) == "minLength" ? constraints.min_length : constraints.max_length) =
                    it->get<std::size_t>();
            }
        }
    }

    TableSchema read_schema(const json& value, const std::string& path) {
        TableSchema schema;
        if (!value.is_object()) {
            error(path, "expected a Table Schema object, found " + type_name(value));
            return schema;
        }
        auto fields = value.find("fields");
        if (fields == value.end() || !fields->is_array() || fields->empty()) {
            error(path + ".fields", "expected a non-empty array of fields, one per column");
        } else {
            std::set<std::string> names;
            datatype_fields_ = 0;
            for (std::size_t i = 0; i < fields->size(); ++i) {
                std::string field_path = path + ".fields[" + std::to_string(i) + "]";
                Field field = read_field((*fields)[i], field_path);
                if (!field.name.empty() && !names.insert(field.name).second) {
                    diagnostics_.warning(
                        file_, field_path + ".name",
                        "field name \"" + field.name + "\" is used twice; fields are matched to columns by position",
                        "schema");
                }
                schema.fields.push_back(std::move(field));
            }
            if (datatype_fields_ > 0) {
                diagnostics_.warning(file_, path + ".fields",
                                     std::to_string(datatype_fields_) +
                                         " field(s) use the non-standard key "
                                         "\"datatype\"; read as the Table Schema key \"type\"",
                                     "schema");
            }
        }
        if (auto missing = value.find("missingValues"); missing != value.end()) {
            schema.missing_values = string_list(*missing, path + ".missingValues");
        }
        if (auto key = value.find("primaryKey"); key != value.end()) {
            if (key->is_string()) {
                schema.primary_key.push_back(key->get<std::string>());
            } else {
                schema.primary_key = string_list(*key, path + ".primaryKey");
            }
            for (const auto& name : schema.primary_key) {
                if (!schema.find(name)) {
                    error(path + ".primaryKey", "names \"" + name + "\", which is not a field of the schema");
                }
            }
        }
        return schema;
    }

    // A resource path must stay inside the package folder (Data Package spec, "Data Location"),
    // in its spelling and, links followed, in reality.
    bool check_path(const std::string& relative, const std::string& path, const std::filesystem::path& base) {
        if (!check_spelling(relative, path)) return false;
        const std::string problem = real_path_problem(base, base / relative, allow_links_outside_);
        if (!problem.empty()) {
            error(path, "the path \"" + relative + "\" is refused: " + problem);
            return false;
        }
        return true;
    }

    bool check_spelling(const std::string& relative, const std::string& path) {
        if (relative.empty()) {
            error(path, "expected the path of the resource's data file");
            return false;
        }
        if (relative.find("://") != std::string::npos) {
            error(path, "remote data (\"" + relative +
                            "\") is not fetched; download it next to "
                            "datapackage.json and give its relative path");
            return false;
        }
        std::filesystem::path p(relative);
        if (p.is_absolute()) {
            error(path, "expected a path relative to the package folder, found the absolute path \"" + relative + "\"");
            return false;
        }
        for (const auto& part : p) {
            if (part == "..") {
                error(path, "the path \"" + relative + "\" leaves the package folder (\"..\")");
                return false;
            }
        }
        return true;
    }

    Resource read_resource(const json& value, const std::string& path, const std::filesystem::path& base) {
        Resource resource;
        resource.json_path = path;
        if (!value.is_object()) {
            error(path, "expected a resource object, found " + type_name(value));
            return resource;
        }
        resource.name = string_member(value, "name", path);
        resource.title = string_member(value, "title", path);
        resource.description = string_member(value, "description", path);
        if (auto p = value.find("path"); p != value.end() && p->is_array()) {
            resource.relative_parts = string_list(*p, path + ".path");
            if (resource.relative_parts.empty()) error(path + ".path", "expected at least one data file");
        } else {
            resource.relative_parts.push_back(string_member(value, "path", path));
        }
        for (std::size_t i = 0; i < resource.relative_parts.size(); ++i) {
            const std::string where =
                path + ".path" + (resource.relative_parts.size() > 1 ? "[" + std::to_string(i) + "]" : "");
            if (check_path(resource.relative_parts[i], where, base))
                resource.parts.push_back(base / resource.relative_parts[i]);
        }
        if (!resource.parts.empty() && resource.parts.size() == resource.relative_parts.size()) {
            resource.path = resource.parts.front();
            resource.relative_path = resource.relative_parts.front();
        } else {
            resource.parts.clear();
        }
        resource.format = string_member(value, "format", path, "csv");
        resource.encoding = string_member(value, "encoding", path);
        if (auto dialect = value.find("dialect"); dialect != value.end()) {
            resource.dialect = read_dialect(*dialect, path + ".dialect");
            // A dialect that names no delimiter leaves the delimiter to be sniffed.
            resource.dialect_declared = dialect->is_object() && dialect->contains("delimiter");
        } else if (resource.format == "tsv") {
            resource.dialect.delimiter = '\t';
            resource.dialect_declared = true;
        }
        if (auto tabulation = value.find("tabulation"); tabulation != value.end()) resource.tabulation = *tabulation;
        auto schema = value.find("schema");
        if (schema == value.end()) {
            error(path + ".schema", "expected a Table Schema describing the columns");
        } else if (schema->is_string()) {
            std::string relative = schema->get<std::string>();
            if (check_path(relative, path + ".schema", base)) {
                json loaded = parse_json_file(base / relative);
                resource.schema = read_schema(loaded, path + ".schema(" + relative + ")");
            }
        } else {
            resource.schema = read_schema(*schema, path + ".schema");
        }
        return resource;
    }

private:
    std::string file_;
    Diagnostics& diagnostics_;
    std::size_t datatype_fields_ = 0;
    bool allow_links_outside_ = false;
};

std::pair<std::uint64_t, std::uint64_t> line_and_column(const std::string& text, std::size_t offset) {
    std::uint64_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

}  // namespace

nlohmann::json parse_json_file(const std::filesystem::path& path) {
    std::error_code kind_error;
    if (std::filesystem::is_directory(path, kind_error)) {
        // A folder reads as an empty stream, which the parser calls "not valid JSON".
        const auto inside = path / "datapackage.json";
        std::error_code inside_error;
        throw InputError(path.string(), 0, 0,
                         "is a folder; expected a JSON file" +
                             (std::filesystem::is_regular_file(inside, inside_error)
                                  ? " (did you mean " + inside.string() + "?)"
                                  : std::string()));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string(), 0, 0, "cannot open file for reading");
    std::error_code size_error;
    const auto size = std::filesystem::file_size(path, size_error);
    if (!size_error && size > limits::kMaxDocumentBytes) {
        throw InputError(path.string(), 0, 0,
                         "a JSON file of " + std::to_string(size) + " bytes; at most " +
                             std::to_string(limits::kMaxDocumentBytes) + " are accepted");
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    // Depth, string length, number range and repeated names first: the parser accepts
    // them, but later steps would crash on them or silently keep one of two values.
    Diagnostics limits_found;
    check_json_text(text, path.string(), limits_found);
    if (limits_found.has_errors()) throw InputError(std::move(limits_found));
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        auto [line, column] = line_and_column(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string message = e.what();
        if (auto colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
        throw InputError(path.string(), line, column, "not valid JSON: " + message);
    } catch (const nlohmann::json::exception& e) {
        // Anything else the parser refuses (it has no place to give) is still bad input.
        throw InputError(path.string(), 0, 0, std::string("not valid JSON: ") + e.what());
    }
}

DataPackage read_data_package(const std::filesystem::path& descriptor, Diagnostics& diagnostics,
                              const PackageReadOptions& options) {
    DataPackage package;
    package.allow_links_outside = options.allow_links_outside;
    package.descriptor_path = descriptor;
    package.base_directory = descriptor.parent_path().empty() ? "." : descriptor.parent_path();
    json root = parse_json_file(descriptor);
    DescriptorReader reader(descriptor.string(), diagnostics, options.allow_links_outside);
    if (!root.is_object()) {
        reader.error("$", "expected a Data Package descriptor object, found " + type_name(root));
        return package;
    }
    package.name = reader.string_member(root, "name", "");
    package.title = reader.string_member(root, "title", "");
    package.description = reader.string_member(root, "description", "");
    auto resources = root.find("resources");
    if (resources == root.end() || !resources->is_array() || resources->empty()) {
        reader.error("resources", "expected a non-empty array of resources (the data files)");
    } else {
        for (std::size_t i = 0; i < resources->size(); ++i) {
            package.resources.push_back(
                reader.read_resource((*resources)[i], "resources[" + std::to_string(i) + "]", package.base_directory));
        }
    }
    if (auto citizen = root.find("citizen_data"); citizen != root.end()) package.citizen_data = *citizen;
    if (auto options = root.find("citizen_sdmx"); options != root.end()) {
        std::string policy = reader.string_member(*options, "bad_rows", "citizen_sdmx", "reject");
        if (auto allowed = options->find("allow_personal"); allowed != options->end()) {
            package.allow_personal = reader.string_list(*allowed, "citizen_sdmx.allow_personal");
        }
        if (policy == "reject") {
            package.bad_rows = BadRowPolicy::reject;
        } else if (policy == "skip") {
            package.bad_rows = BadRowPolicy::skip;
        } else if (policy == "keep") {
            package.bad_rows = BadRowPolicy::keep;
        } else {
            reader.error("citizen_sdmx.bad_rows", "expected reject, skip or keep; found \"" + policy + "\"");
        }
    }
    return package;
}

}  // namespace csdmx::package
