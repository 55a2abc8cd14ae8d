#include "package/json_schema_check.h"

#include <algorithm>

#include <map>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/input_limits.h"
#include "package/text_pattern.h"

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

    // The allowed values at `steps`, also when they sit in the alternatives of a oneOf
    // or anyOf (a frequency that is one code or a list of codes).
    std::vector<std::string> enum_values(const std::vector<std::string>& steps) const {
        std::vector<std::string> values;
        collect_enum(find(steps), values, 0);
        return values;
    }

private:
    void collect_enum(const json* node, std::vector<std::string>& values, int depth) const {
        node = resolve(node);
        if (node == nullptr || !node->is_object() || depth > 4) return;
        if (auto found = node->find("enum"); found != node->end() && found->is_array()) {
            for (const auto& value : *found) {
                std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                if (std::find(values.begin(), values.end(), text) == values.end()) values.push_back(text);
            }
        }
        for (const char* key : {"oneOf", "anyOf"}) {
            auto alternatives = node->find(key);
            if (alternatives == node->end() || !alternatives->is_array()) continue;
            for (const auto& alternative : *alternatives) collect_enum(&alternative, values, depth + 1);
        }
    }

    const json& root_;
};

// valijson runs "pattern" with std::regex, which recurses once per character: a long
// string overflows the stack. valijson gets the schema without its patterns (renamed,
// so it passes over them) and PatternWalker checks them with RE2.
constexpr const char* kPatternKeyword = "pattern";
constexpr const char* kHiddenPattern = "x-csdmx-pattern";

// The schema with every "pattern" keyword (a string value; a property that happens to
// be called "pattern" has an object) renamed. The schema is ours, small and shallow.
json without_patterns(const json& schema) {
    if (schema.is_array()) {
        json copy = json::array();
        for (const auto& item : schema) copy.push_back(without_patterns(item));
        return copy;
    }
    if (!schema.is_object()) return schema;
    json copy = json::object();
    for (const auto& [key, value] : schema.items()) {
        if (key == kPatternKeyword && value.is_string()) {
            copy[kHiddenPattern] = value;
        } else {
            copy[key] = without_patterns(value);
        }
    }
    return copy;
}

bool admits_type(const json& schema, const json& instance) {
    auto type = schema.find("type");
    if (type == schema.end()) return true;
    auto names = type->is_array() ? *type : json::array({*type});
    for (const auto& name : names) {
        if (!name.is_string()) continue;
        const auto& t = name.get_ref<const std::string&>();
        if ((t == "string" && instance.is_string()) || (t == "object" && instance.is_object()) ||
            (t == "array" && instance.is_array()) || (t == "boolean" && instance.is_boolean()) ||
            (t == "null" && instance.is_null()) || (t == "number" && instance.is_number()) ||
            (t == "integer" && instance.is_number_integer())) {
            return true;
        }
    }
    return false;
}

std::string summarise(const json* value) {
    if (value == nullptr) return "nothing";
    // Strings come from the package: invalid UTF-8 is shown replaced, never thrown on.
    std::string text = value->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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

// Follows the instance through the schema as far as our schemas go (properties,
// additionalProperties, propertyNames, items, $ref, allOf, and the one alternative of
// a oneOf/anyOf that admits the instance's type) and checks each pattern with RE2.
class PatternWalker {
public:
    struct Mismatch {
        std::vector<std::string> steps;
        std::string pattern;
        std::string description;
    };

    explicit PatternWalker(const SchemaNavigator& navigator) : navigator_(navigator) {}

    void walk(const json& instance, const json* schema, std::vector<std::string>& steps) {
        schema = navigator_.resolve(schema);
        if (schema == nullptr || !schema->is_object() || steps.size() > limits::kMaxNestingDepth) return;
        if (auto pattern = schema->find(kPatternKeyword);
            pattern != schema->end() && pattern->is_string() && instance.is_string()) {
            const auto& text = pattern->get_ref<const std::string&>();
            auto compiled = patterns_.try_emplace(text, text).first;
            if (!compiled->second.partial_match(instance.get_ref<const std::string&>())) {
                auto description = schema->find("description");
                mismatches.push_back({steps, text,
                                      description != schema->end() && description->is_string()
                                          ? description->get<std::string>()
                                          : std::string()});
            }
        }
        if (auto all = schema->find("allOf"); all != schema->end() && all->is_array()) {
            for (const auto& branch : *all) walk(instance, &branch, steps);
        }
        for (const char* key : {"oneOf", "anyOf"}) {
            auto alternatives = schema->find(key);
            if (alternatives == schema->end() || !alternatives->is_array()) continue;
            const json* only = nullptr;
            std::size_t fitting = 0;
            for (const auto& branch : *alternatives) {
                const json* resolved = navigator_.resolve(&branch);
                if (resolved && resolved->is_object() && admits_type(*resolved, instance)) {
                    only = &branch;
                    ++fitting;
                }
            }
            if (fitting == 1) walk(instance, only, steps);
        }
        if (instance.is_object()) {
            auto properties = schema->find("properties");
            auto additional = schema->find("additionalProperties");
            auto names = schema->find("propertyNames");
            for (const auto& [key, value] : instance.items()) {
                steps.push_back(key);
                if (names != schema->end()) walk(json(key), &*names, steps);
                if (properties != schema->end() && properties->is_object() && properties->contains(key)) {
                    walk(value, &(*properties)[key], steps);
                } else if (additional != schema->end() && additional->is_object()) {
                    walk(value, &*additional, steps);
                }
                steps.pop_back();
            }
        } else if (instance.is_array()) {
            auto items = schema->find("items");
            if (items != schema->end() && items->is_object()) {
                for (std::size_t i = 0; i < instance.size(); ++i) {
                    steps.push_back(std::to_string(i));
                    walk(instance[i], &*items, steps);
                    steps.pop_back();
                }
            }
        }
    }

    std::vector<Mismatch> mismatches;

private:
    const SchemaNavigator& navigator_;
    std::map<std::string, TextPattern> patterns_;
};

}  // namespace

void check_against_schema(const json& instance, const json& schema_document, const std::string& file,
                          const std::string& base_path, Diagnostics& diagnostics) {
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const json schema_for_valijson = without_patterns(schema_document);
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_for_valijson);
    parser.populateSchema(schema_adapter, schema);

    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(instance);
    const bool valid = validator.validate(schema, target, &results);

    SchemaNavigator navigator(schema_document);
    PatternWalker patterns(navigator);
    std::vector<std::string> root_steps;
    patterns.walk(instance, &schema_document, root_steps);
    if (valid && patterns.mismatches.empty()) return;

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
            const auto values = navigator.enum_values(steps);
            std::string expected = values.empty() ? navigator.expectation(steps) : "one of " + join(values);
            if (expected.empty()) expected = "another value";
            message = "expected " + expected + "; found " + summarise(instance_at(instance, steps));
        } else {
            std::string expected = navigator.expectation(steps);
            if (expected.empty()) expected = text;
            message = "expected " + expected + "; found " + summarise(instance_at(instance, steps));
        }
        std::string path = join_path(base_path, steps);
        if (!reported.insert(path).second) continue;  // one error per place
        diagnostics.error(file, path, message);
    }
    for (const auto& mismatch : patterns.mismatches) {
        std::string expected = navigator.expectation(mismatch.steps);
        if (expected.empty()) expected = mismatch.description;
        if (expected.empty()) expected = "text matching the pattern " + mismatch.pattern;
        std::string path = join_path(base_path, mismatch.steps);
        if (!reported.insert(path).second) continue;
        diagnostics.error(file, path,
                          "expected " + expected + "; found " + summarise(instance_at(instance, mismatch.steps)));
    }
}

}  // namespace csdmx::package
