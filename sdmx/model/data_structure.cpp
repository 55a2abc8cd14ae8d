#include "sdmx/model/data_structure.h"

namespace csdmx::sdmx {

const Dimension* DataStructure::find_dimension(std::string_view id) const {
    for (const auto& dimension : dimensions) {
        if (dimension.id == id) return &dimension;
    }
    if (time_dimension && time_dimension->id == id) return &*time_dimension;
    return nullptr;
}

const DataAttribute* DataStructure::find_attribute(std::string_view id) const {
    for (const auto& attribute : attributes) {
        if (attribute.id == id) return &attribute;
    }
    return nullptr;
}

std::vector<std::string> DataStructure::key_ids() const {
    std::vector<std::string> ids;
    for (const auto& dimension : dimensions) ids.push_back(dimension.id);
    if (time_dimension) ids.push_back(time_dimension->id);
    return ids;
}

}  // namespace csdmx::sdmx
