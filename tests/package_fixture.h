// Builds citizen data packages in scratch folders for tests: start from a bundled
// sample, change what the test is about, write it next to a copy of its data.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_support.h"

namespace csdmx::test {

// The descriptor of samples/<name>/datapackage.json.
nlohmann::json sample_descriptor(const std::string& sample);

// Writes `descriptor` as <folder>/datapackage.json and copies the sample's data
// files next to it (or writes `csv` as the first resource's file when given).
std::filesystem::path write_package(const std::filesystem::path& folder, const nlohmann::json& descriptor,
                                    const std::string& sample, const std::string* csv = nullptr);

}  // namespace csdmx::test
