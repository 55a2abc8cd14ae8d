// Environment variables as text: "" when unset, so callers test one thing.
#pragma once

#include <cstdlib>
#include <string>

namespace csdmx {

inline std::string environment_variable(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? "" : value;
}

}  // namespace csdmx
