#include "package/table_schema.h"

#include <algorithm>

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

}  // namespace csdmx::package
