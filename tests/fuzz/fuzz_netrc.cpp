// A netrc file, searched for a host and for the default entry.
#include <stdexcept>

#include "registry/credentials.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = fuzz::write_input("netrc", fuzz::as_text(data, size));
    for (const char* host : {"registry.example.org", "default", ""}) {
        try {
            (void)registry::read_netrc(path, host);
        } catch (const std::invalid_argument&) {
            // The documented refusal of a file that cannot be read as netrc.
        }
    }
    return 0;
}
