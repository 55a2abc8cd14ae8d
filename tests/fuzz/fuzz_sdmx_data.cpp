// SDMX-ML data messages (2.1 generic and structure-specific, 3.0 structure-specific),
// read observation by observation against a real DSD (the SDG global DSD from
// ../shared, or CSDMX_FUZZ_DSD).
#include "core/diagnostic.h"
#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

namespace {

const sdmx::DataStructure* fuzz_dsd() {
    static const sdmx::StructureSet structures = [] {
        try {
            return sdmx::ml21::read_structure_file(
                fuzz::setting("CSDMX_FUZZ_DSD", CSDMX_FUZZ_SHARED_DIR "/sdg/dsd/IAEG-SDGs_SDG-1.4_global-dsd.xml"));
        } catch (const InputError&) {
            return sdmx::StructureSet{};  // ../shared absent: structure-specific values go to `unknown`
        }
    }();
    return structures.data_structures.empty() ? nullptr : &structures.data_structures.front();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto* dsd = fuzz_dsd();
    const auto path = fuzz::write_input("data.xml", fuzz::as_text(data, size));
    try {
        (void)sdmx::ml21::read_data_message_header(path);
    } catch (const InputError&) {
    }
    for (const auto* structure : {dsd, static_cast<const sdmx::DataStructure*>(nullptr)}) {
        try {
            sdmx::ml21::DataMessageReader reader(path, structure);
            sdmx::ReadObservation observation;
            while (reader.next(observation)) {
            }
        } catch (const InputError&) {
        }
    }
    return 0;
}
