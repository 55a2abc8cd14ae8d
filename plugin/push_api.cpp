// The C interface of registry push.
#include "citizensdmx.h"
#include "plugin/api_support.h"
#include "registry/push.h"

using csdmx::api::guarded;
using csdmx::api::Options;
using csdmx::api::ResultHandle;

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

csdmx::registry::PushOptions push_options(const Options& parsed, const char* registry_url) {
    using namespace csdmx::registry;
    PushOptions push;
    const auto* api = parsed.get("API");
    if (api == nullptr) throw std::invalid_argument("API is required: sdmx-rest-v2, fmr or dotstat");
    push.api = parse_api_kind(*api);
    push.registry = parse_url(registry_url);
    if (const auto* action = parsed.get("ACTION")) push.action = *action;
    if (const auto* dry_run = parsed.get("DRY_RUN")) push.dry_run = *dry_run == "1" || *dry_run == "true";
    if (const auto* transfer = parsed.get("TRANSFER")) push.transfer = parse_url(*transfer);
    if (const auto* dataspace = parsed.get("DATASPACE")) push.dataspace = *dataspace;
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

}  // namespace

csdmx_status csdmx_push(const char* const* files, const char* registry_url, const char* const* options,
                        csdmx_log_fn log, void* user_data, csdmx_result** result) {
    ResultHandle out(result);
    if (files == nullptr || registry_url == nullptr) {
        csdmx::api::set_last_error("files and registry_url are required");
        return CSDMX_BAD_ARGUMENT;
    }
    return guarded([&]() -> csdmx_status {
        using namespace csdmx::registry;
        Options parsed(options, {"API", "ACTION", "DRY_RUN", "TRANSFER", "DATASPACE", "CA_FILE", "TIMEOUT_MS",
                                 "RETRIES", "BACKOFF_MS", "POLL_INTERVAL_MS", "POLL_TIMEOUT_MS"});
        PushOptions push = push_options(parsed, registry_url);
        if (log != nullptr) push.http.log = [&](const std::string& line) { log(user_data, line.c_str()); };
        std::vector<std::filesystem::path> paths;
        for (const char* const* file = files; *file != nullptr; ++file) paths.emplace_back(*file);
        if (paths.empty()) throw std::invalid_argument("no file to push");
        const Credentials credentials = find_credentials(push.registry.host);
        const PushReport report = push_files(paths, push, credentials);
        out->values["table"] = report.table();
        out->values["json"] = report.json();
        out->values["credentials"] = credentials.source.empty() ? "none" : credentials.source;
        for (const auto& file : report.files) out->outputs.push_back(file.file.string());
        if (report.any(PushOutcome::rejected) || report.any(PushOutcome::partial)) {
            csdmx::api::set_last_error("the registry did not accept every file");
            return CSDMX_INVALID;
        }
        if (report.any(PushOutcome::unreachable)) {
            csdmx::api::set_last_error("the registry could not be reached");
            return CSDMX_UNREACHABLE;
        }
        return CSDMX_OK;
    });
}
