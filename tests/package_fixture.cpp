#include "tests/package_fixture.h"

namespace csdmx::test {

nlohmann::json sample_descriptor(const std::string& sample) {
    return nlohmann::json::parse(read_file(source_directory() / "samples" / sample / "datapackage.json"));
}

std::filesystem::path write_package(const std::filesystem::path& folder, const nlohmann::json& descriptor,
                                    const std::string& sample, const std::string* csv) {
    std::filesystem::create_directories(folder);
    auto path = folder / "datapackage.json";
    write_file(path, descriptor.dump(2));
    for (const auto& resource : descriptor["resources"]) {
        std::string relative = resource["path"].get<std::string>();
        if (csv != nullptr) {
            write_file(folder / relative, *csv);
            csv = nullptr;
            continue;
        }
        auto source = source_directory() / "samples" / sample / relative;
        if (std::filesystem::exists(source)) {
            std::filesystem::copy_file(source, folder / relative, std::filesystem::copy_options::overwrite_existing);
        }
    }
    return path;
}

}  // namespace csdmx::test
