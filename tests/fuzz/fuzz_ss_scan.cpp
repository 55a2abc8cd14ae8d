// The streaming scan of SDMX-ML 2.1 structure-specific data bodies
// (sdmx/validation/structure_specific_scan.h), planned for the ECB exchange-rate
// DSD of the SDMX samples and the SDG global DSD at both observation levels: whatever the bytes, it answers valid or
// "not decided" without crashing, reading out of bounds or hanging.
#include "core/diagnostic.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/validation/structure_specific_scan.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

namespace {

struct Plans {
    sdmx::StructureSet structures;
    std::vector<sdmx::StructureSpecificScan> scans;
};

// The ECB exchange-rate DSD of the SDMX samples (which the scan decides itself) and
// the SDG global DSD; CSDMX_FUZZ_DSD names another structure file instead.
const Plans& plans() {
    static const Plans loaded = [] {
        Plans result;
        const std::string chosen = fuzz::setting("CSDMX_FUZZ_DSD", "");
        const std::vector<std::string> files =
            chosen.empty()
                ? std::vector<std::string>{CSDMX_FUZZ_SHARED_DIR "/sdmx/samples/2.1/exr/ecb_exr_ng/ecb_exr_ng_full.xml",
                                           CSDMX_FUZZ_SHARED_DIR "/sdg/dsd/IAEG-SDGs_SDG-1.4_global-dsd.xml"}
                : std::vector<std::string>{chosen};
        for (const auto& file : files) {
            try {
                result.structures.merge(sdmx::ml21::read_structure_file(file));
            } catch (const InputError&) {
                // ../shared absent: nothing to plan for from this file
            }
        }
        for (const auto& dsd : result.structures.data_structures) {
            for (auto level :
                 {sdmx::ml21::ObservationLevel::time_period, sdmx::ml21::ObservationLevel::all_dimensions}) {
                if (auto scan = sdmx::StructureSpecificScan::plan(dsd, result.structures, level)) {
                    result.scans.push_back(std::move(*scan));
                }
            }
        }
        return result;
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = fuzz::write_input("data.xml", fuzz::as_text(data, size));
    for (const auto& scan : plans().scans) {
        std::string skeleton;
        std::string reason;
        try {
            (void)scan.scan(path, skeleton, reason);
        } catch (const InputError&) {
        }
    }
    return 0;
}
