#include "package/json_schema_check.h"

#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace csdmx::package {

namespace {

using nlohmann::json;

// Instance path steps from valijson's context: "<root>", "[producer]", "[0]"...
std::vector<std::string> steps_of(const std::vector<std::string>& context) {
    std::vector<std::string> steps;
    for (const auto& part : context) {
        if (part == "<root>") continue;
        std::string step = part;
        if (step.size() >= 2 && step.front() == '[' && step.back() == ']') step = step.substr(1, step.size() - 2);
        if (step.size() >= 2 && step.front() == '"' && step.back() == '"') step = step.substr(1, step.size() - 2);
        steps.push_back(step);
    }
    return steps;
}

bool is_index(const std::string& step) {
    return !step.empty() && step.find_first_not_of("0123456789") == std::string::npos;
}

std::string join_path(const std::string& base, const std::vector<std::string>& steps) {
    std::string path = base;
    for (const auto& step : steps) {
        if (is_index(step)) {
            path += "[" + step + "]";
        } else {
            path += (path.empty() ? "" : ".") + step;
        }
    }
    return path;
}

class SchemaNavigator {
public:
    explicit SchemaNavigator(const json& root) : root_(root) {}

    // The schema node that describes the instance at `steps`, or nullptr.
    const json* find(const std::vector<std::string>& steps) const {
        const json* node = &root_;
        for (const auto& step : steps) {
            node = resolve(node);
            if (node == nullptr || !node->is_object()) return nullptr;
            const json* next = nullptr;
            if (auto properties = node->find("properties"); properties != node->end() && properties->contains(step)) {
                next = &(*properties)[step];
            } else if (auto items = node->find("items"); items != node->end() && is_index(step)) {
                next = &*items;
            } else if (auto additional = node->find("additionalProperties");
                       additional != node->end() && additional->is_object()) {
                next = &*additional;
            }
            node = next;
        }
        return node;
    }

    // Follows a local "$ref" ("#/definitions/name").
    const json* resolve(const json* node) const {
        for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 8; ++hops) {
            std::string ref = (*node)["$ref"].get<std::string>();
            const std::string prefix = "#/definitions/";
            if (ref.rfind(prefix, 0) != 0) return node;
            auto definitions = root_.find("definitions");
            if (definitions == root_.end()) return nullptr;
            auto target = definitions->find(ref.substr(prefix.size()));
            if (target == definitions->end()) return nullptr;
            node = &*target;
        }
        return node;
    }

    std::string expectation(const std::vector<std::string>& steps) const {
        const json* node = find(steps);
        if (node == nullptr) return {};
        if (node->is_object() && node->contains("description")) {
            return (*node)["description"].get<std::string>();
        }
        return {};
    }

    std::vector<std::string> property_names(const std::vector<std::string>& steps) const {
        std::vector<std::string> names;
        const json* node = resolve(find(steps));
        if (node && node->contains("properties")) {
            for (const auto& [name, value] : (*node)["properties"].items()) names.push_back(name);
        }
        return names;
    }

    std::vector<std::string> enum_values(const std::vector<std::string>& steps) const {
        std::vector<std::string> values;
        const json* node = resolve(find(steps));
        if (node && node->contains("enum")) {
            for (const auto& value : (*node)["enum"]) values.push_back(value.dump());
        }
        return values;
    }

private:
    const json& root_;
};

std::string summarise(const json* value) {
    if (value == nullptr) return "nothing";
    std::string text = value->dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    if (value->is_string()) return text;
    if (value->is_number()) return "the number " + text;
    if (value->is_boolean()) return text;
    if (value->is_null()) return "null";
    if (value->is_array()) return "an array";
    return "an object";
}

const json* instance_at(const json& root, const std::vector<std::string>& steps) {
    const json* node = &root;
    for (const auto& step : steps) {
        if (node->is_object() && node->contains(step)) {
            node = &(*node)[step];
        } else if (node->is_array() && is_index(step) && std::stoul(step) < node->size()) {
            node = &(*node)[std::stoul(step)];
        } else {
            return nullptr;
        }
    }
    return node;
}

// The last 'quoted' name in a valijson message, e.g. 'colour' in "... constraints: 'colour'."
std::string quoted_name(const std::string& description) {
    auto close = description.rfind('\'');
    if (close == std::string::npos || close == 0) return {};
    auto open = description.rfind('\'', close - 1);
    if (open == std::string::npos) return {};
    return description.substr(open + 1, close - open - 1);
}

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

}  // namespace

void check_against_schema(const json& instance, const json& schema_document, const std::string& file,
                          const std::string& base_path, Diagnostics& diagnostics) {
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_document);
    parser.populateSchema(schema_adapter, schema);

    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(instance);
    if (validator.validate(schema, target, &results)) return;

    SchemaNavigator navigator(schema_document);
    std::set<std::string> reported;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        const std::string& text = error.description;
        // Wrappers around a more precise error reported separately.
        if (text.rfind("Failed to validate against schema associated with", 0) == 0 ||
            text.rfind("Failed to validate against additional properties schema", 0) == 0 ||
            text.rfind("Failed to validate item #", 0) == 0 ||
            text.rfind("Failed to validate against child schema", 0) == 0) {
            continue;
        }
        auto steps = steps_of(error.context);
        std::string message;
        if (text.rfind("Missing required property", 0) == 0) {
            steps.push_back(quoted_name(text));
            std::string expected = navigator.expectation(steps);
            message = "missing" + (expected.empty() ? std::string() : "; expected " + expected);
        } else if (text.rfind("Object contains a property", 0) == 0) {
            auto known = navigator.property_names(steps);
            steps.push_back(quoted_name(text));
            message = "unknown property" + (known.empty() ? std::string() : "; expected one of " + join(known));
        } else if (text.rfind("Failed to match against any enum values", 0) == 0) {
            message = "expected one of " + join(navigator.enum_values(steps)) + "; found " +
                      summarise(instance_at(instance, steps));
        } else {
            std::string expected = navigator.expectation(steps);
            if (expected.empty()) expected = text;
            message = "expected " + expected + "; found " + summarise(instance_at(instance, steps));
        }
        std::string path = join_path(base_path, steps);
        if (!reported.insert(path).second) continue;  // one error per place
        diagnostics.error(file, path, message);
    }
}

}  // namespace csdmx::package
