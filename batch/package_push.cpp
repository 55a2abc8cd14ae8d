#include "batch/package_push.h"

#include <algorithm>

namespace csdmx::batch {

std::vector<LedgerOutput> files_to_push(const std::vector<LedgerOutput>& outputs, registry::ApiKind api) {
    std::vector<LedgerOutput> chosen;
    for (const auto& output : outputs) {
        if (output.path.ends_with("-structure.xml")) chosen.push_back(output);
    }
    if (api == registry::ApiKind::sdmx_rest_v2) return chosen;
    const auto is_data = [](const LedgerOutput& output) {
        return output.path.find("-data") != std::string::npos && !output.path.ends_with("-skipped-rows.csv");
    };
    auto data = std::find_if(outputs.begin(), outputs.end(), [&](const LedgerOutput& output) {
        return is_data(output) && output.path.ends_with("-data-structurespecific.xml");
    });
    if (data == outputs.end()) data = std::find_if(outputs.begin(), outputs.end(), is_data);
    if (data != outputs.end()) chosen.push_back(*data);
    return chosen;
}

PackagePush push_package(const BatchPush& push, Ledger& ledger, std::mutex& ledger_lock, std::int64_t run_id,
                         const std::string& package, const std::vector<LedgerOutput>& outputs,
                         const std::filesystem::path& output_dir) {
    const std::string registry_text = push.options.registry.text();
    std::vector<LedgerOutput> pending;
    {
        std::lock_guard<std::mutex> guard(ledger_lock);
        for (const auto& output : files_to_push(outputs, push.options.api)) {
            if (!ledger.accepted_before(registry_text, output.path, output.sha256)) pending.push_back(output);
        }
    }
    if (pending.empty()) return {"already-accepted", "the registry accepted these files before"};

    std::vector<std::filesystem::path> paths;
    paths.reserve(pending.size());
    for (const auto& output : pending) paths.push_back(output_dir / output.path);
    registry::PushReport report;
    try {
        report = registry::push_files(paths, push.options, push.credentials);
    } catch (const std::exception& error) {
        return {"rejected", error.what()};
    }
    PackagePush summary{"accepted", ""};
    std::lock_guard<std::mutex> guard(ledger_lock);
    for (const auto& file : report.files) {
        const auto recorded = std::find_if(pending.begin(), pending.end(), [&](const LedgerOutput& output) {
            return output_dir / output.path == file.file;
        });
        LedgerPush entry;
        entry.run_id = run_id;
        entry.package = package;
        entry.file = recorded == pending.end() ? file.file.string() : recorded->path;
        entry.sha256 = recorded == pending.end() ? "" : recorded->sha256;
        entry.registry = registry_text;
        entry.api = registry::api_kind_name(push.options.api);
        entry.request = file.request;
        entry.http_status = file.http_status;
        entry.outcome = registry::push_outcome_name(file.outcome);
        entry.message = file.message;
        entry.answer = file.answer;
        ledger.record_push(entry);
        if (file.outcome != registry::PushOutcome::accepted && summary.outcome == "accepted") {
            summary = {entry.outcome, entry.file + ": " + file.message};
        }
    }
    return summary;
}

}  // namespace csdmx::batch
