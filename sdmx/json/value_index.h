// Indexes of the distinct values of one component, in order of first appearance:
// what SDMX-JSON keys and value arrays refer to.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace csdmx::sdmx::json {

class ValueIndex {
public:
    std::uint32_t index_of(const std::string& value) {
        auto [it, added] = positions_.try_emplace(value, static_cast<std::uint32_t>(values_.size()));
        if (added) values_.push_back(value);
        return it->second;
    }
    const std::vector<std::string>& values() const { return values_; }

private:
    std::unordered_map<std::string, std::uint32_t> positions_;
    std::vector<std::string> values_;
};

}  // namespace csdmx::sdmx::json
