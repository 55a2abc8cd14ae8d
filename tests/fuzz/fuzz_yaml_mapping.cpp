// A mapping file (YAML, docs/mapping.md), read and checked against its schema.
#include "mappings/dsd_mapping.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = fuzz::write_input("mapping.yaml", fuzz::as_text(data, size));
    try {
        Diagnostics diagnostics;
        (void)mapping::read_dsd_mapping(path, diagnostics);
    } catch (const InputError&) {
    }
    return 0;
}
