// The C interface of batch conversion and of the ledger.
#include <nlohmann/json.hpp>

#include "batch/batch_runner.h"
#include "batch/ledger.h"
#include "citizensdmx.h"
#include "plugin/api_support.h"
#include "plugin/conversion_options.h"
#include "plugin/push_options.h"

using csdmx::api::guarded;
using csdmx::api::Options;
using csdmx::api::ResultHandle;

namespace {

std::string ledger_table(const std::vector<csdmx::batch::LedgerEntry>& entries) {
    std::string text = "id  run  result     observations  started               package\n";
    char line[160];
    for (const auto& entry : entries) {
        std::snprintf(line, sizeof line, "%-3lld %-4lld %-10s %12llu  %-20s  ", static_cast<long long>(entry.id),
                      static_cast<long long>(entry.run_id), entry.result.c_str(),
                      static_cast<unsigned long long>(entry.observations), entry.started.c_str());
        text += line + entry.package + "\n";
        const auto& audit = entry.audit;
        if (audit.rows_left_out + audit.records_without_period + audit.cells_suppressed_primary +
                audit.cells_suppressed_secondary >
            0) {
            text += "      left out: " + std::to_string(audit.rows_left_out) + " row(s), " +
                    std::to_string(audit.records_without_period) +
                    " record(s) without a period; suppressed: " + std::to_string(audit.cells_suppressed_primary) +
                    " primary, " + std::to_string(audit.cells_suppressed_secondary) + " secondary cell(s)\n";
        }
        if (!audit.validation.empty()) text += "      validation: " + audit.validation + "\n";
        for (const auto& output : entry.outputs)
            text += "      " + output.sha256.substr(0, 16) + "  " + output.path + "\n";
        for (const auto& push : entry.pushes) {
            text += "      push " + push.outcome + " " + push.file + " -> " + push.registry + " (HTTP " +
                    std::to_string(push.http_status) + ")\n";
        }
        if (!entry.errors.empty() && entry.result != "converted") {
            text += "      " + entry.errors.substr(0, entry.errors.find('\n')) + "\n";
        }
    }
    return text;
}

std::string ledger_json(const std::vector<csdmx::batch::LedgerEntry>& entries) {
    nlohmann::ordered_json document = nlohmann::ordered_json::array();
    for (const auto& entry : entries) {
        nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
        for (const auto& output : entry.outputs) outputs.push_back({{"path", output.path}, {"sha256", output.sha256}});
        nlohmann::ordered_json pushes = nlohmann::ordered_json::array();
        for (const auto& push : entry.pushes) {
            pushes.push_back({{"file", push.file},
                              {"sha256", push.sha256},
                              {"registry", push.registry},
                              {"api", push.api},
                              {"request", push.request},
                              {"http_status", push.http_status},
                              {"outcome", push.outcome},
                              {"message", push.message},
                              {"answer", push.answer},
                              {"pushed", push.pushed}});
        }
        document.push_back({{"id", entry.id},
                            {"run", entry.run_id},
                            {"package", entry.package},
                            {"input_sha256", entry.input_sha256},
                            {"options", entry.options},
                            {"result", entry.result},
                            {"errors", entry.errors},
                            {"observations", entry.observations},
                            {"rows_left_out", entry.audit.rows_left_out},
                            {"records_without_period", entry.audit.records_without_period},
                            {"cells_suppressed_primary", entry.audit.cells_suppressed_primary},
                            {"cells_suppressed_secondary", entry.audit.cells_suppressed_secondary},
                            {"validation", entry.audit.validation},
                            {"started", entry.started},
                            {"finished", entry.finished},
                            {"outputs", outputs},
                            {"pushes", pushes}});
    }
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

csdmx_status csdmx_batch_convert(const char* input_dir, const char* output_dir, const char* const* options,
                                 csdmx_progress_fn progress, void* user_data, csdmx_result** result) {
    ResultHandle out(result);
    if (input_dir == nullptr || output_dir == nullptr) {
        csdmx::api::set_last_error("input_dir and output_dir are required");
        return CSDMX_BAD_ARGUMENT;
    }
    return guarded([&]() -> csdmx_status {
        std::vector<std::string> keys = {"JOBS",          "FORCE",   "LEDGER",      "FORMAT",   "ON_ERROR",
                                         "DSD",           "MAPPING", "CODELISTS",   "AGENCY",   "BAD_ROWS",
                                         "MISSING_VALUE", "PUSH",    "LEDGER_WAIT", "RESOURCE", "DRY_RUN",
                                         "LINKS_OUTSIDE", "CODE_IDS"};
        for (auto& key : csdmx::api::push_option_keys()) keys.push_back(std::move(key));
        Options parsed(options, keys);
        csdmx::batch::BatchOptions batch;
        batch.input_dir = input_dir;
        batch.output_dir = output_dir;
        batch.prepare = csdmx::api::prepare_options(parsed);
        batch.convert = csdmx::api::convert_options(parsed);
        for (const auto& dsd : batch.prepare.dsd_files) batch.option_files.push_back(dsd);
        if (batch.prepare.mapping_file) batch.option_files.push_back(*batch.prepare.mapping_file);
        if (const auto* jobs = parsed.get("JOBS")) {
            const int count = std::atoi(jobs->c_str());
            if (count < 1 || count > 256) throw std::invalid_argument("JOBS must be a number from 1 to 256");
            batch.jobs = static_cast<unsigned>(count);
        }
        if (const auto* force = parsed.get("FORCE")) batch.force = *force == "1" || *force == "true";
        if (const auto* dry_run = parsed.get("DRY_RUN")) batch.dry_run = *dry_run == "1" || *dry_run == "true";
        if (batch.dry_run && parsed.get("PUSH") != nullptr) {
            throw std::invalid_argument("DRY_RUN and PUSH cannot go together (push has a dry run of its own)");
        }
        if (const auto* ledger = parsed.get("LEDGER")) batch.ledger_file = *ledger;
        if (const auto* wait = parsed.get("LEDGER_WAIT")) {
            const int seconds = std::atoi(wait->c_str());
            if (seconds < 0 || seconds > 3600 || wait->find_first_not_of("0123456789") != std::string::npos) {
                throw std::invalid_argument("LEDGER_WAIT must be a number of seconds from 0 to 3600");
            }
            batch.ledger_wait_milliseconds = seconds * 1000;
        }
        if (const auto* registry_url = parsed.get("PUSH")) {
            csdmx::batch::BatchPush push;
            push.options = csdmx::api::push_options(parsed, *registry_url);
            push.credentials = csdmx::registry::find_credentials(push.options.registry.host);
            // Refuse unusable push options before converting anything.
            csdmx::registry::check_push_options(push.options, push.credentials,
                                                push.options.api != csdmx::registry::ApiKind::sdmx_rest_v2);
            batch.push = push;
        }
        const auto report = csdmx::batch::run_batch(
            batch, [&](std::size_t done, std::size_t total, const csdmx::batch::PackageOutcome& outcome) {
                if (progress) progress(user_data, done, total, outcome.package.c_str(), outcome.result.c_str());
            });
        out->values["packages"] = std::to_string(report.packages.size());
        out->values["converted"] = std::to_string(report.converted);
        out->values["skipped"] = std::to_string(report.skipped);
        out->values["failed"] = std::to_string(report.failed);
        out->values["ledger"] = report.ledger;
        out->values["table"] = report.table();
        out->values["json"] = report.json();
        for (const auto& package : report.packages) {
            if (batch.dry_run) break;  // nothing was written
            for (const auto& output : package.outputs) out->outputs.push_back((batch.output_dir / output).string());
        }
        if (!report.ledger_errors.empty() && report.failed == 0) {
            csdmx::api::set_last_error("the ledger could not record everything: " + report.ledger_errors.front());
            return CSDMX_INVALID;
        }
        if (report.failed > 0 || report.pushes_refused > 0) {
            csdmx::api::set_last_error(std::to_string(report.failed) + " package(s) failed, " +
                                       std::to_string(report.pushes_refused) + " not accepted by the registry");
            return CSDMX_INVALID;
        }
        if (report.pushes_unreachable > 0) {
            csdmx::api::set_last_error(std::to_string(report.pushes_unreachable) +
                                       " package(s) not pushed: the registry could not be reached");
            return CSDMX_UNREACHABLE;
        }
        return CSDMX_OK;
    });
}

csdmx_status csdmx_ledger_history(const char* ledger_path, const char* const* options, csdmx_result** result) {
    ResultHandle out(result);
    if (ledger_path == nullptr) {
        csdmx::api::set_last_error("ledger_path is required");
        return CSDMX_BAD_ARGUMENT;
    }
    return guarded([&]() -> csdmx_status {
        Options parsed(options, {"FORMAT"});
        const auto* format = parsed.get("FORMAT");
        if (format != nullptr && *format != "table" && *format != "json") {
            throw std::invalid_argument("FORMAT must be table or json");
        }
        if (!std::filesystem::exists(ledger_path)) {
            throw csdmx::EnvironmentError(std::string("no ledger at ") + ledger_path);
        }
        csdmx::batch::Ledger ledger(ledger_path);
        const auto entries = ledger.entries();
        out->values["text"] = format != nullptr && *format == "json" ? ledger_json(entries) : ledger_table(entries);
        return CSDMX_OK;
    });
}
