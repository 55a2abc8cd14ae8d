#include "tests/integration/real_dataset_fixture.h"

#include "package/package_inference.h"
#include "sdmx/validation/message_validator.h"
#include "tests/integration/format_checks.h"
#include "tests/integration/sqlite_oracle.h"

namespace csdmx::test {

json citizen_data(const Producer& p) {
    return {
        {"producer", {{"id", p.id}, {"name", p.name}, {"type", p.type}}},
        {"initiative_type", p.initiative},
        {"participation",
         {{"DESIGN", p.design},
          {"COLLECT", p.collect},
          {"PROCESS", "_U"},
          {"ANALYSE", "_U"},
          {"DISSEMINATE", "_U"},
          {"USE", "_U"}}},
        {"purpose", "Test fixture built from the dataset's published description."},
        {"target_indicators", {"6.1.1"}},
        {"method", {{"description", "As described by the publisher (see ../shared/cgd/SOURCES.md)."}}},
        {"sample", {{"description", "As published."}}},
        {"coverage",
         {{"population", "As published"}, {"area", "As published"}, {"period", {{"start", p.start}, {"end", p.end}}}}},
        {"consent", {{"basis", "other_legal_basis"}, {"description", "Published open data."}}},
        {"licence", {{"name", "CC-BY-4.0"}}},
        {"disclosure_threshold", 1},
        {"validation",
         {{"by", "test fixture: no NSO has validated this dataset"}, {"date", "2026-11-22"}, {"result", "PENDING"}}}};
}

void RealDataset::SetUp() {
    auto shared = shared_directory();
    if (!shared) GTEST_SKIP() << "../shared is absent; set CITIZEN_SDMX_SHARED to run the real-dataset tests";
    shared_ = *shared;
}

json RealDataset::init(const std::string& folder, const std::vector<std::string>& files) {
    return init_from(shared_ / "cgd" / folder, files);
}

json RealDataset::init_from(const std::filesystem::path& folder, const std::vector<std::string>& files) {
    std::vector<std::filesystem::path> copies;
    for (const auto& name : files) {
        auto target = scratch_ / "package" / name;
        std::filesystem::create_directories(target.parent_path());
        std::filesystem::copy_file(folder / name, target);
        copies.push_back(target);
    }
    descriptor_ = scratch_ / "package" / "datapackage.json";
    Diagnostics notes;
    json package = package::infer_package(copies, descriptor_, notes);
    init_notes_ = notes;
    EXPECT_FALSE(notes.has_errors());
    return package;
}

void RealDataset::save(const json& package) {
    write_file(descriptor_, package.dump(2));
}

const std::vector<std::string>& RealDataset::sds011_files() {
    static const std::vector<std::string> files = {
        "2018-10-15_sds011_sensor_5331.csv", "2018-10-15_sds011_sensor_8554.csv", "2018-10-15_sds011_sensor_8733.csv",
        "2018-10-15_sds011_sensor_15092.csv"};
    return files;
}

json RealDataset::sds011_package() {
    json package = init("sensor_community_aberdeen", sds011_files());
    json resource = package["resources"][0];
    resource["name"] = "sds011-readings";
    resource["path"] = sds011_files();
    package["resources"] = json::array({resource});
    package["citizen_data"] = citizen_data({"ABDN_AIR", "Aberdeen Air Quality (Code The City, 57North)",
                                            "CITIZEN_SCIENTISTS", "CITIZEN_LED", "5", "5", "2018-10-15", "2018-10-15"});
    return package;
}

json RealDataset::beach_litter_package() {
    json package = init_from(shared_ / "sdg/open-sdg", {"ons_data_indicator_14-1-1.csv"});
    package["citizen_data"] = citizen_data({"MCS_GBBC", "Marine Conservation Society, Great British Beach Clean", "CSO",
                                            "CITIZEN_LED", "4", "5", "2008-01-01", "2021-12-31"});
    package["citizen_data"]["coverage"]["area_code"] = "826";
    return package;
}

std::string RealDataset::sds011_sqlite_table() const {
    std::string script =
        "CREATE TABLE r(sensor_id, sensor_type, location, lat, lon, timestamp, P1, durP1, ratioP1, P2, durP2, "
        "ratioP2);\n";
    for (const auto& file : sds011_files()) {
        script += sqlite_import((shared_ / "cgd/sensor_community_aberdeen" / file).string(), "r", ';');
    }
    return script;
}

mapping::CheckReport RealDataset::check() {
    return mapping::check_package(descriptor_, {});
}

std::vector<package::TableRow> RealDataset::rows(std::size_t resource, std::vector<package::Field>* fields) {
    Diagnostics ignored;
    auto data_package = package::read_data_package(descriptor_, ignored);
    package::TableReadOptions options;
    options.bad_rows = package::BadRowPolicy::skip;
    package::TableReader reader(data_package.resources.at(resource), options, ignored);
    if (fields) *fields = reader.fields();
    std::vector<package::TableRow> result;
    package::TableRow row;
    while (reader.next(row)) result.push_back(row);
    return result;
}

Conversion RealDataset::convert_and_validate(const std::string& resource) {
    mapping::PrepareOptions options;
    options.resource = resource;
    // Every format, each checked against its schema and against SDMX-ML 2.1.
    auto conversion = convert(descriptor_, scratch_ / ("out-" + resource), options, every_format());
    EXPECT_TRUE(conversion.ok) << conversion.listing();
    // check runs the same plan: what it finds clean converts, what converts it finds clean.
    mapping::CheckOptions check_options;
    check_options.prepare.resource = resource;
    auto checked = mapping::check_package(descriptor_, check_options);
    EXPECT_EQ(checked.diagnostics.has_errors(), !conversion.ok) << listing(checked.diagnostics);
    if (conversion.ok) expect_formats_agree(conversion, shared_);
    return conversion;
}

void RealDataset::expect_converts_and_validates(const std::string& resource, std::uint64_t observations) {
    auto conversion = convert_and_validate(resource);
    EXPECT_EQ(conversion.outcome.statistics.observations, observations) << resource;
}

std::size_t RealDataset::field_index(const json& resource, const std::string& name) {
    const auto& fields = resource["schema"]["fields"];
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i]["name"] == name) return i;
    }
    ADD_FAILURE() << "no field " << name;
    return 0;
}

json& RealDataset::field(json& resource, const std::string& name) {
    return resource["schema"]["fields"][field_index(resource, name)];
}

std::string RealDataset::listing(const Diagnostics& diagnostics, Severity at_least) {
    std::string text;
    for (const auto& d : diagnostics.items()) {
        if (d.severity == Severity::note && at_least != Severity::note) continue;
        text += format_diagnostic(d) + "\n";
    }
    return text;
}

std::vector<const Diagnostic*> RealDataset::of_kind(const Diagnostics& diagnostics, const std::string& kind) {
    std::vector<const Diagnostic*> found;
    for (const auto& d : diagnostics.items()) {
        if (d.kind == kind) found.push_back(&d);
    }
    return found;
}

}  // namespace csdmx::test
