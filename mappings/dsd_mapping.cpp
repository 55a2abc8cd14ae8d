#include "mappings/dsd_mapping.h"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "core/embedded_resources.h"
#include "core/input_limits.h"
#include "core/utf8.h"
#include "package/csv_reader.h"
#include "package/json_schema_check.h"
#include "package/text_source.h"

namespace csdmx::mapping {

namespace {

using nlohmann::json;

constexpr const char* kSchemaResource = "docs/schemas/mapping-1.0.schema.json";

// A plain (unquoted) scalar as YAML 1.2's core schema reads it: true/false, a
// number, else text.
json typed_scalar(const YAML::Node& node) {
    const std::string text = node.as<std::string>();
    if (node.Tag() == "!") return text;  // quoted: always text
    if (text == "true") return true;
    if (text == "false") return false;
    if (!text.empty() && text.find_first_not_of("+-0123456789.eE") == std::string::npos) {
        try {
            std::size_t used = 0;
            if (text.find_first_of(".eE") == std::string::npos) {
                const long long value = std::stoll(text, &used);
                if (used == text.size()) return value;
            } else {
                const double value = std::stod(text, &used);
                if (used == text.size()) return value;
            }
        } catch (const std::exception&) {
        }
    }
    return text;
}

// Components and rows hold codes and column names, which stay text (the code 0 is
// "0" in SDMX); the tabulation block has its booleans and numbers.
json to_json(const YAML::Node& node, bool typed) {
    switch (node.Type()) {
        case YAML::NodeType::Map: {
            json object = json::object();
            for (const auto& item : node) {
                const auto key = item.first.as<std::string>();
                object[key] = to_json(item.second, typed || key == "tabulation" || key == "match_names");
            }
            return object;
        }
        case YAML::NodeType::Sequence: {
            json array = json::array();
            for (const auto& item : node) array.push_back(to_json(item, typed));
            return array;
        }
        case YAML::NodeType::Scalar:
            return typed ? typed_scalar(node) : json(node.as<std::string>());
        default:
            return "";
    }
}

// Nesting beyond limits::kMaxNestingDepth, or more nodes than kMaxYamlNodes (aliases
// let a small file name a node many times: the "billion laughs"), found without
// recursion before to_json walks the tree. The place of the first offending node.
constexpr std::size_t kMaxYamlNodes = std::size_t{1} << 20;

std::optional<std::pair<YAML::Mark, std::string>> beyond_limits(const YAML::Node& root) {
    std::vector<std::pair<YAML::Node, std::size_t>> pending{{root, 0}};
    std::size_t visited = 0;
    while (!pending.empty()) {
        auto [node, depth] = pending.back();
        pending.pop_back();
        if (++visited > kMaxYamlNodes) {
            return std::pair{node.Mark(), "more than " + std::to_string(kMaxYamlNodes) +
                                              " values (counting each use of an alias); expected a mapping file"};
        }
        if (node.IsScalar() && !is_valid_utf8(node.Scalar())) {
            return std::pair{node.Mark(), std::string("a value that is not valid UTF-8; expected a UTF-8 text file")};
        }
        if (!node.IsMap() && !node.IsSequence()) continue;
        if (depth >= limits::kMaxNestingDepth) {
            return std::pair{node.Mark(), "YAML nested deeper than " + std::to_string(limits::kMaxNestingDepth) +
                                              " levels; expected a flatter structure"};
        }
        for (const auto& item : node) {
            if (node.IsMap()) {
                pending.emplace_back(item.first, depth + 1);
                pending.emplace_back(item.second, depth + 1);
            } else {
                pending.emplace_back(item, depth + 1);
            }
        }
    }
    return std::nullopt;
}

// Rows of a small CSV file (Open SDG's mapping files), header first.
std::vector<std::vector<std::string>> read_small_csv(const std::filesystem::path& path) {
    package::TextSource source(path, "", path.string());
    package::CsvReader reader(source, package::CsvDialect{}, path.string());
    std::vector<std::vector<std::string>> rows;
    package::CsvRecord record;
    while (reader.next(record)) rows.push_back(record.fields);
    return rows;
}

void read_open_sdg(const json& open_sdg, DsdMapping& mapping, Diagnostics& diagnostics) {
    const auto folder = mapping.file.parent_path();
    const auto read = [&](const char* key, std::size_t columns) -> std::vector<std::vector<std::string>> {
        if (!open_sdg.contains(key)) return {};
        const auto path = folder / open_sdg[key].get<std::string>();
        if (!std::filesystem::exists(path)) {
            diagnostics.error(mapping.file.string(), std::string("open_sdg.") + key,
                              "file " + path.string() + " not found");
            return {};
        }
        auto rows = read_small_csv(path);
        if (rows.empty() || rows[0].size() < columns) {
            diagnostics.error(path.string(), {},
                              std::string("expected a header with ") + std::to_string(columns) + " columns (" +
                                  (columns == 2 ? "Text,Value" : "Text,Dimension,Value") + ")");
            return {};
        }
        rows.erase(rows.begin());
        return rows;
    };
    for (const auto& row : read("column_map", 2)) {
        if (row.size() >= 2 && !row[0].empty() && !row[1].empty()) mapping.open_sdg_columns.emplace(row[0], row[1]);
    }
    for (const auto& row : read("code_map", 3)) {
        if (row.size() >= 3 && !row[1].empty()) mapping.open_sdg_codes[row[1]].emplace(row[0], row[2]);
    }
}

}  // namespace

bool parse_artefact_reference(const std::string& text, sdmx::MaintainableRef& ref) {
    const auto colon = text.find(':');
    const auto open = text.find('(', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || open == std::string::npos || text.back() != ')') return false;
    ref.agency = text.substr(0, colon);
    ref.id = text.substr(colon + 1, open - colon - 1);
    ref.version = text.substr(open + 1, text.size() - open - 2);
    return !ref.agency.empty() && !ref.id.empty() && !ref.version.empty();
}

std::optional<DsdMapping> read_dsd_mapping(const std::filesystem::path& file, Diagnostics& diagnostics) {
    const std::size_t errors_before = diagnostics.error_count();
    json document;
    std::error_code size_error;
    if (const auto size = std::filesystem::file_size(file, size_error);
        !size_error && size > limits::kMaxDocumentBytes) {
        diagnostics.error(file.string(), {},
                          "a mapping file of " + std::to_string(size) + " bytes; at most " +
                              std::to_string(limits::kMaxDocumentBytes) + " are accepted");
        return std::nullopt;
    }
    try {
        const YAML::Node root = YAML::LoadFile(file.string());
        if (auto problem = beyond_limits(root)) {
            diagnostics.error_at(file.string(), static_cast<std::uint64_t>(problem->first.line) + 1,
                                 static_cast<std::uint64_t>(problem->first.column) + 1, problem->second, "limit");
            return std::nullopt;
        }
        document = to_json(root, false);
    } catch (const YAML::BadFile&) {
        diagnostics.error(file.string(), {}, "cannot read the mapping file");
        return std::nullopt;
    } catch (const YAML::Exception& error) {
        // Syntax errors, and values of the wrong kind (a list used as a key).
        diagnostics.error_at(file.string(), static_cast<std::uint64_t>(error.mark.line) + 1,
                             static_cast<std::uint64_t>(error.mark.column) + 1, "not valid YAML: " + error.msg);
        return std::nullopt;
    }
    static const json schema = json::parse(embedded_resource(kSchemaResource).value());
    package::check_against_schema(document, schema, file.string(), "", diagnostics);
    if (diagnostics.error_count() > errors_before) return std::nullopt;

    DsdMapping mapping;
    mapping.file = file;
    mapping.title = document.value("title", "");
    const auto& target = document["target"];
    parse_artefact_reference(target["dsd"].get<std::string>(), mapping.dsd);
    if (target.contains("dataflow")) parse_artefact_reference(target["dataflow"].get<std::string>(), mapping.dataflow);
    mapping.resource = document.value("resource", "");
    if (document.contains("extension")) {
        parse_artefact_reference(document["extension"]["dsd"].get<std::string>(), mapping.extension);
        mapping.extension_name = document["extension"].value("name", "");
    }
    for (const auto& [id, item] : document["components"].items()) {
        ValueSource source;
        source.origin = "components." + id;
        if (item.contains("column")) {
            source.kind = ValueSource::Kind::column;
            source.name = item["column"];
        } else if (item.contains("constant")) {
            source.kind = ValueSource::Kind::constant;
            source.name = item["constant"];
        } else {
            source.kind = ValueSource::Kind::derived;
            source.name = item["derived"];
        }
        if (item.contains("codes")) source.codes = item["codes"].get<std::map<std::string, std::string>>();
        if (item.contains("missing")) source.missing = item["missing"].get<std::string>();
        source.match_names = item.value("match_names", false);
        mapping.components.emplace(id, std::move(source));
    }
    if (document.contains("tabulation")) mapping.tabulation = document["tabulation"];
    if (document.contains("rows") && document["rows"].contains("where")) {
        mapping.keep_rows = document["rows"]["where"].get<std::map<std::string, std::vector<std::string>>>();
    }
    if (document.contains("coverage") && document["coverage"].contains("national_proxy")) {
        mapping.national_proxy_reason = document["coverage"]["national_proxy"]["reason"].get<std::string>();
    }
    if (document.contains("coverage") && document["coverage"].contains("ref_area")) {
        mapping.subnational_ref_area = document["coverage"]["ref_area"].get<std::string>() == "subnational";
    }
    if (document.contains("open_sdg")) read_open_sdg(document["open_sdg"], mapping, diagnostics);
    if (diagnostics.error_count() > errors_before) return std::nullopt;
    return mapping;
}

}  // namespace csdmx::mapping
