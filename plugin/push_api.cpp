// The C interface of registry push.
#include "citizensdmx.h"
#include "plugin/api_support.h"
#include "plugin/push_options.h"
#include "registry/push.h"

using csdmx::api::guarded;
using csdmx::api::Options;
using csdmx::api::ResultHandle;

csdmx_status csdmx_push(const char* const* files, const char* registry_url, const char* const* options,
                        csdmx_log_fn log, void* user_data, csdmx_result** result) {
    ResultHandle out(result);
    if (files == nullptr || registry_url == nullptr) {
        csdmx::api::set_last_error("files and registry_url are required");
        return CSDMX_BAD_ARGUMENT;
    }
    return guarded([&]() -> csdmx_status {
        using namespace csdmx::registry;
        auto keys = csdmx::api::push_option_keys();
        keys.emplace_back("DRY_RUN");
        Options parsed(options, keys);
        PushOptions push = csdmx::api::push_options(parsed, registry_url);
        if (log != nullptr) push.http.log = [&](const std::string& line) { log(user_data, line.c_str()); };
        std::vector<std::filesystem::path> paths;
        for (const char* const* file = files; *file != nullptr; ++file) paths.emplace_back(*file);
        if (paths.empty()) throw std::invalid_argument("no file to push");
        const Credentials credentials = find_credentials(push.registry.host);
        const PushReport report = push_files(paths, push, credentials);
        out->values["table"] = report.table();
        out->values["json"] = report.json();
        out->values["credentials"] = push.token_url               ? "token from " + push.token_url->text()
                                     : credentials.source.empty() ? "none"
                                                                  : credentials.source;
        for (const auto& file : report.files) out->outputs.push_back(file.file.string());
        if (!report.refusal.empty()) {  // a dry run: the real push would refuse
            csdmx::api::set_last_error(report.refusal);
            return CSDMX_BAD_ARGUMENT;
        }
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
