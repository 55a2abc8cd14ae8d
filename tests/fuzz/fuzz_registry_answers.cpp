// Registry answers: a SubmitStructureResponse or an SDMX Error message (XML), or any
// body, judged as the answer to a structure submission under the status code the
// first byte picks. (The FMR and .Stat Suite JSON answers are read inside their
// RegistryApi, reachable only through a push: see tests/fuzz/README.md.)
#include <array>

#include "core/diagnostic.h"
#include "registry/answers.h"
#include "registry/submission_result.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::array<int, 10> kStatuses = {200, 201, 207, 400, 401, 403, 404, 409, 422, 500};
    if (size < 1) return 0;
    const auto body = fuzz::as_text(data + 1, size - 1);
    try {
        (void)registry::parse_submit_structure_response(body, "answer");
    } catch (const InputError&) {
    }
    (void)registry::looks_like_registry_message(body);
    (void)registry::first_line(std::string(body));
    registry::HttpResponse response;
    response.status = kStatuses[data[0] % kStatuses.size()];
    response.body = std::string(body);
    response.headers = {{"Content-Type", (data[0] & 0x80) ? "application/xml" : "application/json"}};
    registry::FilePush judged;
    if (!registry::judge_http_failure(response, judged)) {
        registry::FilePush structure;
        // How many artefacts were sent: 0 to 7, from the first byte's middle bits.
        registry::judge_structure_answer(response, structure, (data[0] >> 4) & 0x7);
    }
    return 0;
}
