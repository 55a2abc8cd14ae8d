// datapackage.json and its citizen_data: the bytes are a descriptor, read as `check`
// reads it (descriptor, Table Schema, citizen_data against its JSON Schema, tabulation).
#include "tabulation/tabulation_spec.h"
#include "package/citizen_metadata.h"
#include "package/data_package.h"
#include "package/table_schema.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto folder = [] {
        const auto path = fuzz::scratch() / "package";
        std::filesystem::create_directories(path);
        fuzz::write_input("package/data.csv", "area,count\nZomba,3\n");
        return path;
    }();
    const auto descriptor = fuzz::write_input("package/datapackage.json", fuzz::as_text(data, size));
    try {
        Diagnostics diagnostics;
        const auto package = package::read_data_package(descriptor, diagnostics);
        const auto metadata = package::read_citizen_metadata(package, diagnostics);
        for (const auto& resource : package.resources) {
            if (resource.tabulation.is_null()) continue;
            (void)mapping::read_tabulation(package, resource, package::expanded_fields(resource.schema), metadata,
                                           diagnostics);
        }
    } catch (const InputError&) {
    }
    (void)folder;
    return 0;
}
