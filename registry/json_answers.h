// The JSON answers registries give, read as plain functions of the answer so that
// each can be tested on the shapes the public sources show and fuzzed: FMR's data
// validation (upload uid, load status), the .Stat Suite transfer service (request
// ID, request status) and an OpenID Connect token endpoint.
//
// Every answer is untrusted: read_json_answer() refuses what package::check_json_text
// refuses in a package (nesting deeper than limits::kMaxNestingDepth, numbers out of
// a double's range, oversized strings) by treating the answer as empty.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "registry/push.h"

namespace csdmx::registry {

// The answer as JSON; an empty object when it is not JSON or breaks the limits.
nlohmann::json read_json_answer(std::string_view body);
// object[key] when it is a string; "" otherwise (also when `object` is no object).
std::string json_string(const nlohmann::json& object, const char* key);

// FMR: the uid of an upload ({"uid": "..."}), whether a load status ends the check,
// and the verdict on a final load status.
std::optional<std::string> fmr_upload_uid(const nlohmann::json& answer);
bool fmr_check_ended(const nlohmann::json& status);
void judge_fmr_validation(const nlohmann::json& status, FilePush& result);

// .Stat Suite transfer: the request ID of an import, whether a status ends it, the verdict.
std::optional<std::string> dotstat_request_id(const nlohmann::json& answer);
bool dotstat_request_ended(const nlohmann::json& status);
void judge_dotstat_import(const nlohmann::json& status, const std::string& id, FilePush& result);

// An OpenID Connect token endpoint's answer (RFC 6749 section 5.1 and 5.2).
struct TokenAnswer {
    std::string access_token;  // empty when refused
    std::string refresh_token;
    std::chrono::seconds lifetime{300};  // Keycloak's default access-token life when not given
    std::string refusal;                 // error_description or error, when refused
};
TokenAnswer read_token_answer(int http_status, std::string_view body);

}  // namespace csdmx::registry
