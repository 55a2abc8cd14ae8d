// The fixture of the tests on the real datasets in ../shared/cgd: copy the files
// into a package folder, run init, complete the citizen_data block with the
// publisher's facts, then check, read or convert.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/converter.h"
#include "pipeline/package_check.h"
#include "package/table_reader.h"
#include "tests/integration/conversion_fixture.h"
#include "tests/test_support.h"

namespace csdmx::test {

using json = nlohmann::ordered_json;

struct Producer {
    std::string id, name, type, initiative;
    std::string design, collect;
    std::string start, end;
};

// A complete citizen_data block; the facts are those of the dataset's publisher.
json citizen_data(const Producer& p);

class RealDataset : public ::testing::Test {
protected:
    void SetUp() override;

    // Copies the files into a package folder and runs init on them.
    json init(const std::string& folder, const std::vector<std::string>& files);
    // The same for files in any folder (e.g. <shared>/sdg/open-sdg).
    json init_from(const std::filesystem::path& folder, const std::vector<std::string>& files);
    void save(const json& package);

    // Datasets several suites use, initialised with their publisher's facts (not saved):
    // the four SDS011 archive files of the Aberdeen sensors as one resource
    // "sds011-readings" in parts, and the Great British Beach Clean in Open SDG's
    // layout (UK, area code 826).
    static const std::vector<std::string>& sds011_files();
    json sds011_package();
    json beach_litter_package();
    // sqlite3 statements creating table r and importing the SDS011 files into it.
    std::string sds011_sqlite_table() const;
    mapping::CheckReport check();
    std::vector<package::TableRow> rows(std::size_t resource, std::vector<package::Field>* fields = nullptr);
    // Converts the resource; the outputs must validate against the official schemas.
    Conversion convert_and_validate(const std::string& resource);
    void expect_converts_and_validates(const std::string& resource, std::uint64_t observations);

    static std::size_t field_index(const json& resource, const std::string& name);
    static json& field(json& resource, const std::string& name);
    static std::string listing(const Diagnostics& diagnostics, Severity at_least = Severity::warning);
    static std::vector<const Diagnostic*> of_kind(const Diagnostics& diagnostics, const std::string& kind);

    std::filesystem::path shared_;
    ScratchDirectory scratch_;
    std::filesystem::path descriptor_;
    Diagnostics init_notes_;
};

}  // namespace csdmx::test
