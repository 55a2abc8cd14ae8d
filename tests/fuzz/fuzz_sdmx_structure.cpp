// SDMX-ML structure messages, 2.1 and 3.0 (the reader tells them by namespace).
#include "core/diagnostic.h"
#include "sdmx/ml21/structure_reader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)sdmx::ml21::read_structure_memory(fuzz::as_text(data, size), "structure.xml");
    } catch (const InputError&) {
    }
    return 0;
}
