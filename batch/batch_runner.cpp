#include "batch/batch_runner.h"

#include <libxml/parser.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "batch/ledger.h"
#include "core/atomic_output.h"
#include "core/sha256.h"
#include "package/data_package.h"

namespace csdmx::batch {

namespace {

std::string relative_text(const std::filesystem::path& path, const std::filesystem::path& base) {
    return std::filesystem::relative(path, base).generic_string();
}

// The SHA-256 of what a package is: its descriptor and every data file it names.
// Each file's digest goes to `files` too, for the conversion's provenance.
std::string input_hash(const std::filesystem::path& descriptor, std::map<std::string, std::string>& files) {
    files[descriptor.string()] = sha256_file(descriptor);
    std::string listing = "descriptor " + files[descriptor.string()] + "\n";
    Diagnostics ignored;
    try {
        const auto package = package::read_data_package(descriptor, ignored);
        for (const auto& resource : package.resources) {
            for (const auto& part : resource.parts) {
                std::error_code missing;
                if (!std::filesystem::is_regular_file(part, missing)) continue;
                const auto& digest = files[part.string()] = sha256_file(part);
                listing += part.filename().string() + " " + digest + "\n";
            }
        }
    } catch (const std::exception&) {
        // An unreadable descriptor: its conversion fails and says why.
    }
    Sha256 digest;
    digest.update(listing);
    return digest.hex_digest();
}

// What, besides the inputs, decides the outputs: formats, policies, and the
// content of the mapping, DSD and codelist files.
std::string options_text(const BatchOptions& options) {
    std::string text = "formats";
    for (auto format : options.convert.formats) text += " " + std::string(sdmx::format_name(format));
    text += "; on_error ";
    text += options.convert.on_error == mapping::OnError::skip ? "skip" : "reject";
    for (const auto& file : options.option_files) text += "; " + file.filename().string() + " " + sha256_file(file);
    if (options.prepare.codelists_file) text += "; codelists " + sha256_file(*options.prepare.codelists_file);
    if (!options.prepare.agency.empty()) text += "; agency " + options.prepare.agency;
    return text;
}

// Unchanged: converted before from the same inputs and options, and every output
// still there as written.
bool unchanged(const LedgerEntry& last, const std::filesystem::path& output_dir) {
    if (last.outputs.empty()) return false;
    return std::all_of(last.outputs.begin(), last.outputs.end(), [&](const LedgerOutput& output) {
        const auto path = output_dir / output.path;
        std::error_code missing;
        return std::filesystem::is_regular_file(path, missing) && sha256_file(path) == output.sha256;
    });
}

// Temporary files a killed run left behind (".name.XXXXXX", core/atomic_output).
void remove_stale_temporaries(const std::filesystem::path& folder) {
    static const std::regex temporary(R"(\..+\.[A-Za-z0-9]{6})");
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) return;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const auto name = entry.path().filename().string();
        if (entry.is_regular_file(error) && std::regex_match(name, temporary))
            std::filesystem::remove(entry.path(), error);
    }
}

std::string error_text(const Diagnostics& diagnostics) {
    std::string text;
    std::size_t shown = 0;
    for (const auto& item : diagnostics.items()) {
        if (item.severity != Severity::error) continue;
        if (++shown > 20) {
            text += "... (" + std::to_string(diagnostics.error_count()) + " errors in all)\n";
            break;
        }
        text += format_diagnostic(item) + "\n";
    }
    return text;
}

}  // namespace

std::vector<std::filesystem::path> find_packages(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> packages;
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && it->path().filename() == "datapackage.json") packages.push_back(it->path());
    }
    if (error) throw EnvironmentError("cannot read " + folder.string() + ": " + error.message());
    std::sort(packages.begin(), packages.end());
    return packages;
}

BatchReport run_batch(const BatchOptions& options, const Progress& progress) {
    if (!std::filesystem::is_directory(options.input_dir)) {
        throw EnvironmentError("no folder " + options.input_dir.string() + " to convert");
    }
    const auto packages = find_packages(options.input_dir);
    std::filesystem::create_directories(options.output_dir);
    BatchReport report;
    report.ledger = (options.ledger_file.empty() ? options.output_dir / "ledger.sqlite" : options.ledger_file).string();
    Ledger ledger(report.ledger);
    const std::string option_text = options_text(options);
    const std::int64_t run = ledger.begin_run(options.input_dir.string(), options.output_dir.string(), option_text);

    report.packages.resize(packages.size());
    std::mutex lock;  // the ledger, the report counters and the progress callback
    std::atomic<std::size_t> next{0};
    std::size_t done = 0;
    const auto work = [&] {
        for (std::size_t i = next++; i < packages.size(); i = next++) {
            const auto started = std::chrono::steady_clock::now();
            const auto& descriptor = packages[i];
            PackageOutcome outcome;
            outcome.package = relative_text(descriptor, options.input_dir);
            const auto folder =
                options.output_dir / std::filesystem::relative(descriptor.parent_path(), options.input_dir);
            mapping::ConvertOptions convert = options.convert;
            const std::string inputs = input_hash(descriptor, convert.known_sha256);
            std::int64_t entry = 0;
            std::vector<LedgerOutput> recorded;  // the package's outputs with their SHA-256
            {
                std::lock_guard<std::mutex> guard(lock);
                auto last = ledger.last_conversion(outcome.package, inputs, option_text);
                if (!options.force && last && unchanged(*last, options.output_dir)) {
                    outcome.result = "skipped";
                    outcome.detail = "unchanged since run " + std::to_string(last->run_id);
                    outcome.observations = last->observations;
                    for (const auto& output : last->outputs) outcome.outputs.push_back(output.path);
                    recorded = last->outputs;
                    ledger.record_skip(run, outcome.package, inputs, option_text, outcome.detail);
                } else {
                    entry = ledger.start_package(run, outcome.package, inputs, option_text);
                }
            }
            if (entry != 0) {
                remove_stale_temporaries(folder);
                Diagnostics diagnostics;
                diagnostics.set_error_limit(200);
                mapping::ConvertOutcome converted;
                bool ok = false;
                try {
                    auto prepared = mapping::prepare_package(descriptor, options.prepare, diagnostics);
                    ok = prepared && mapping::convert_prepared(*prepared, folder, convert, diagnostics, converted);
                } catch (const std::exception& error) {
                    diagnostics.error(descriptor.string(), {}, error.what());
                    ok = false;
                }
                std::vector<LedgerOutput> outputs;
                if (ok) {
                    for (const auto& path : converted.outputs) {
                        outputs.push_back({relative_text(path, options.output_dir), sha256_file(path)});
                        outcome.outputs.push_back(outputs.back().path);
                    }
                }
                outcome.result = ok ? "converted" : "failed";
                outcome.detail = ok ? "" : error_text(diagnostics);
                outcome.observations = converted.statistics.observations;
                std::lock_guard<std::mutex> guard(lock);
                ledger.finish_package(entry, outcome.result, outcome.detail, outcome.observations, outputs);
                recorded = outputs;
            }
            if (options.push && outcome.result != "failed") {
                const auto pushed =
                    push_package(*options.push, ledger, lock, run, outcome.package, recorded, options.output_dir);
                outcome.push = pushed.outcome;
                outcome.push_detail = pushed.detail;
            }
            outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::lock_guard<std::mutex> guard(lock);
            (outcome.result == "converted" ? report.converted
             : outcome.result == "skipped" ? report.skipped
                                           : report.failed)++;
            if (outcome.push == "rejected" || outcome.push == "partial") ++report.pushes_refused;
            if (outcome.push == "unreachable") ++report.pushes_unreachable;
            report.packages[i] = outcome;
            ++done;
            if (progress) progress(done, packages.size(), report.packages[i]);
        }
    };
    // libxml2 must be initialised once, before threads use it.
    xmlInitParser();
    const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(packages.size())));
    std::vector<std::thread> workers;
    for (unsigned j = 1; j < jobs; ++j) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();

    const std::string summary = report.json();
    ledger.finish_run(run, summary);
    AtomicOutputFile file(options.output_dir / "batch-summary.json");
    file.write(summary);
    file.finish();
    file.commit();
    return report;
}

std::string BatchReport::table() const {
    std::string text;
    std::size_t width = 7;
    for (const auto& p : packages) width = std::max(width, p.package.size());
    char line[64];
    const bool pushed = std::any_of(packages.begin(), packages.end(), [](const auto& p) { return !p.push.empty(); });
    text += "package" + std::string(width - 7 + 2, ' ') + "result      observations  seconds" +
            (pushed ? "  push" : "") + "\n";
    for (const auto& p : packages) {
        std::snprintf(line, sizeof line, "%-10s  %12llu  %7.2f", p.result.c_str(),
                      static_cast<unsigned long long>(p.observations), p.seconds);
        text += p.package + std::string(width - p.package.size() + 2, ' ') + line +
                (p.push.empty() ? "" : "  " + p.push) + "\n";
        if (!p.push_detail.empty() && p.push != "accepted" && p.push != "already-accepted") {
            text += "    " + p.push_detail + "\n";
        }
    }
    text += std::to_string(packages.size()) + " package(s): " + std::to_string(converted) + " converted, " +
            std::to_string(skipped) + " skipped (unchanged), " + std::to_string(failed) + " failed; ledger " + ledger +
            "\n";
    return text;
}

std::string BatchReport::json() const {
    nlohmann::ordered_json document;
    document["packages"] = nlohmann::ordered_json::array();
    for (const auto& p : packages) {
        document["packages"].push_back({{"package", p.package},
                                        {"result", p.result},
                                        {"detail", p.detail},
                                        {"observations", p.observations},
                                        {"seconds", p.seconds},
                                        {"outputs", p.outputs},
                                        {"push", p.push},
                                        {"push_detail", p.push_detail}});
    }
    document["converted"] = converted;
    document["skipped"] = skipped;
    document["failed"] = failed;
    document["pushes_refused"] = pushes_refused;
    document["pushes_unreachable"] = pushes_unreachable;
    document["ledger"] = ledger;
    return document.dump(2) + "\n";
}

}  // namespace csdmx::batch
