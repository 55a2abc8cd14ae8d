// The JSON answers of registries (registry/json_answers.h): FMR's upload and load
// status, the .Stat Suite transfer service's request and status, an OpenID Connect
// token endpoint. The first byte picks the HTTP status of a token answer.
#include "registry/json_answers.h"
#include "tests/fuzz/fuzz_support.h"

using namespace csdmx;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto body = fuzz::as_text(data + 1, size - 1);
    const nlohmann::json answer = registry::read_json_answer(body);
    (void)registry::fmr_upload_uid(answer);
    (void)registry::fmr_check_ended(answer);
    registry::FilePush fmr;
    registry::judge_fmr_validation(answer, fmr);
    (void)registry::dotstat_request_id(answer);
    (void)registry::dotstat_request_ended(answer);
    registry::FilePush dotstat;
    registry::judge_dotstat_import(answer, "1", dotstat);
    (void)registry::read_token_answer(data[0] < 128 ? 200 : 400, body);
    return 0;
}
