#include "plugin/push_options.h"

#include <cstdlib>

namespace csdmx::api {

namespace {

std::chrono::milliseconds milliseconds_option(const Options& options, const char* key,
                                              std::chrono::milliseconds fallback) {
    const auto* text = options.get(key);
    if (text == nullptr) return fallback;
    char* end = nullptr;
    const long long value = std::strtoll(text->c_str(), &end, 10);
    if (end == text->c_str() || *end != '\0' || value < 0) {
        throw std::invalid_argument(std::string(key) + " must be a number of milliseconds, not '" + *text + "'");
    }
    return std::chrono::milliseconds(value);
}

}  // namespace

std::vector<std::string> push_option_keys() {
    return {"API",     "ACTION",     "TRANSFER",         "DATASPACE",       "CA_FILE",          "TIMEOUT_MS",
            "RETRIES", "BACKOFF_MS", "POLL_INTERVAL_MS", "POLL_TIMEOUT_MS", "TRANSFER_VERSION", "TOKEN_URL"};
}

registry::PushOptions push_options(const Options& parsed, const std::string& registry_url) {
    registry::PushOptions push;
    const auto* api = parsed.get("API");
    if (api == nullptr) throw std::invalid_argument("API is required: sdmx-rest-v2, fmr or dotstat");
    push.api = registry::parse_api_kind(*api);
    push.registry = registry::parse_url(registry_url);
    if (const auto* action = parsed.get("ACTION")) push.action = *action;
    if (const auto* dry_run = parsed.get("DRY_RUN")) push.dry_run = *dry_run == "1" || *dry_run == "true";
    if (const auto* transfer = parsed.get("TRANSFER")) push.transfer = registry::parse_url(*transfer);
    if (const auto* token_url = parsed.get("TOKEN_URL")) push.token_url = registry::parse_url(*token_url);
    if (const auto* dataspace = parsed.get("DATASPACE")) push.dataspace = *dataspace;
    if (const auto* version = parsed.get("TRANSFER_VERSION")) {
        if (version->empty() || version->find_first_not_of("0123456789.") != std::string::npos) {
            throw std::invalid_argument("TRANSFER_VERSION is the transfer API version, e.g. 3 or 2, not '" + *version +
                                        "'");
        }
        push.transfer_version = *version;
    }
    if (const auto* ca_file = parsed.get("CA_FILE")) push.http.ca_file = *ca_file;
    if (const auto* retries = parsed.get("RETRIES")) {
        const int count = std::atoi(retries->c_str());
        if (count < 0 || count > 20) throw std::invalid_argument("RETRIES must be a number from 0 to 20");
        push.http.retries = static_cast<unsigned>(count);
    }
    push.http.timeout = milliseconds_option(parsed, "TIMEOUT_MS", push.http.timeout);
    push.http.first_backoff = milliseconds_option(parsed, "BACKOFF_MS", push.http.first_backoff);
    push.poll_interval = milliseconds_option(parsed, "POLL_INTERVAL_MS", push.poll_interval);
    push.poll_timeout = milliseconds_option(parsed, "POLL_TIMEOUT_MS", push.poll_timeout);
    return push;
}

}  // namespace csdmx::api
