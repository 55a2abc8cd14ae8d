// SDMX-CSV 1.0 and 2.0 data messages, read against a real DSD (as fuzz_sdmx_data).
#include "core/diagnostic.h"
#include "sdmx/csv/csv_data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const sdmx::StructureSet structures = [] {
        try {
            return sdmx::ml21::read_structure_file(
                fuzz::setting("CSDMX_FUZZ_DSD", CSDMX_FUZZ_SHARED_DIR "/sdg/dsd/IAEG-SDGs_SDG-1.4_global-dsd.xml"));
        } catch (const InputError&) {
            return sdmx::StructureSet{};  // ../shared absent: nothing to read against
        }
    }();
    if (structures.data_structures.empty()) return 0;
    const auto path = fuzz::write_input("data.csv", fuzz::as_text(data, size));
    try {
        sdmx::csv::CsvDataReader reader(path, structures.data_structures.front());
        sdmx::ReadObservation observation;
        while (reader.next(observation)) {
        }
    } catch (const InputError&) {
    }
    return 0;
}
