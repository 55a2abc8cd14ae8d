#include "package/table_schema.h"

#include <algorithm>

#include "sdmx/ids.h"

namespace csdmx::package {

const Field* TableSchema::find(const std::string& name) const {
    for (const auto& field : fields) {
        if (field.name == name) return &field;
    }
    return nullptr;
}

bool TableSchema::is_missing(const std::string& value) const {
    return std::find(missing_values.begin(), missing_values.end(), value) != missing_values.end();
}

std::vector<Field> expanded_fields(const TableSchema& schema) {
    std::vector<Field> fields = schema.fields;
    for (const auto& field : schema.fields) {
        if (!field.select_multiple) continue;
        for (const auto& choice : field.select_multiple->choices) {
            Field indicator;
            indicator.name = field.name + "/" + sdmx::to_sdmx_id(choice);
            indicator.title = choice;
            indicator.description = "1 when \"" + choice + "\" was chosen in " + field.name + ", else 0";
            indicator.type = "integer";
            indicator.json_path = field.json_path + ".selectMultiple";
            fields.push_back(std::move(indicator));
        }
    }
    return fields;
}

}  // namespace csdmx::package
