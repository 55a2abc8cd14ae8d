// The C interface of `schemas install` and `schemas list`.
#include <charconv>

#include "citizensdmx.h"
#include "plugin/api_support.h"
#include "schema_install/schema_installer.h"

using csdmx::api::guarded;
using csdmx::api::Options;
using csdmx::api::ResultHandle;

namespace {

std::chrono::milliseconds parse_milliseconds(const Options& options, const char* key,
                                             std::chrono::milliseconds fallback) {
    const std::string* text = options.get(key);
    if (text == nullptr) return fallback;
    long long value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < 0) {
        throw std::invalid_argument(std::string(key) + " must be a number of milliseconds, not \"" + *text + "\"");
    }
    return std::chrono::milliseconds(value);
}

std::optional<std::filesystem::path> directory_option(const Options& options) {
    const std::string* dir = options.get("DIR");
    if (dir == nullptr || dir->empty()) return std::nullopt;
    return std::filesystem::path(*dir);
}

}  // namespace

csdmx_status csdmx_schemas_install(const char* const* options, csdmx_log_fn log, void* user_data,
                                   csdmx_result** result) {
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"VERSION", "DIR", "FROM", "CA_FILE", "TIMEOUT_MS", "RETRIES"});
        csdmx::schemas::InstallOptions install;
        if (const auto* version = parsed.get("VERSION"))
            install.versions = csdmx::schemas::parse_schema_versions(*version);
        install.root = directory_option(parsed);
        if (const auto* from = parsed.get("FROM"); from != nullptr && !from->empty()) install.base_url = *from;
        if (const auto* ca = parsed.get("CA_FILE"); ca != nullptr && !ca->empty()) install.http.ca_file = *ca;
        install.http.timeout = parse_milliseconds(parsed, "TIMEOUT_MS", install.http.timeout);
        if (const auto* retries = parsed.get("RETRIES")) {
            unsigned value = 0;
            auto [end, error] = std::from_chars(retries->data(), retries->data() + retries->size(), value);
            if (error != std::errc() || end != retries->data() + retries->size()) {
                throw std::invalid_argument("RETRIES must be a whole number, not \"" + *retries + "\"");
            }
            install.http.retries = value;
        }
        if (log != nullptr) install.http.log = [&](const std::string& line) { log(user_data, line.c_str()); };
        try {
            const auto report = csdmx::schemas::install_schemas(install);
            out->values["directory"] = report.root.string();
            out->values["table"] = report.table();
            out->values["json"] = report.json();
            for (const auto& set : report.sets) out->outputs.push_back(set.folder.string());
            return CSDMX_OK;
        } catch (const csdmx::InputError& error) {
            // The archive is not what was pinned: every problem goes to the caller.
            out->add(error.diagnostics());
            csdmx::api::set_last_error(
                "the downloaded schemas do not match the pinned official files; nothing was "
                "installed");
            return CSDMX_INVALID;
        }
    });
}

csdmx_status csdmx_schemas_list(const char* const* options, csdmx_result** result) {
    ResultHandle out(result);
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"DIR"});
        const auto listing = csdmx::schemas::list_schemas(directory_option(parsed));
        out->values["directory"] = listing.root.string();
        out->values["table"] = listing.table();
        out->values["json"] = listing.json();
        return CSDMX_OK;
    });
}
