#include "batch/batch_runner.h"

#include <libxml/parser.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "batch/ledger.h"
#include "batch/output_lock.h"
#include "core/atomic_output.h"
#include "core/sha256.h"
#include "core/temporary_files.h"
#include "package/data_package.h"

// Defined only by tests (tests/integration/batch_failure_test.cpp), to make a
// conversion throw; absent from the library and the command, where it is null.
extern "C" void csdmx_batch_test_hook(const char* descriptor) __attribute__((weak));

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
    // Only when given, so the options of earlier ledgers (and their skips) stay as they were.
    if (!options.prepare.resource.empty()) text += "; resource " + options.prepare.resource;
    if (options.prepare.bad_rows) {
        const auto policy = *options.prepare.bad_rows;
        text += std::string("; bad_rows ") + (policy == package::BadRowPolicy::skip   ? "skip"
                                              : policy == package::BadRowPolicy::keep ? "keep"
                                                                                      : "reject");
    }
    for (const auto& marker : options.prepare.extra_missing_values) text += "; missing \"" + marker + "\"";
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

namespace {

// A package's result that the ledger could not take when it came (locked ledger):
// tried again once every worker is done.
struct Unrecorded {
    std::int64_t entry = 0;  // 0: no entry was started
    std::string package, inputs, detail;
};

// One package from ledger check to ledger record. Anything it throws — a ledger
// error, an internal error of any kind — is the caller's to record as a failure.
class PackageJob {
public:
    PackageJob(const BatchOptions& options, Ledger& ledger, std::mutex& lock, std::int64_t run,
               const std::string& option_text)
        : options_(options), ledger_(ledger), lock_(lock), run_(run), option_text_(option_text) {}

    void run(const std::filesystem::path& descriptor, PackageOutcome& outcome, std::int64_t& entry,
             std::string& inputs) {
        const auto folder =
            options_.output_dir / std::filesystem::relative(descriptor.parent_path(), options_.input_dir);
        mapping::ConvertOptions convert = options_.convert;
        inputs = input_hash(descriptor, convert.known_sha256);
        std::vector<LedgerOutput> recorded;  // the package's outputs with their SHA-256
        {
            std::lock_guard<std::mutex> guard(lock_);
            auto last = ledger_.last_conversion(outcome.package, inputs, option_text_);
            if (!options_.force && last && unchanged(*last, options_.output_dir)) {
                outcome.result = "skipped";
                outcome.detail = "unchanged since run " + std::to_string(last->run_id);
                outcome.observations = last->observations;
                for (const auto& output : last->outputs) outcome.outputs.push_back(output.path);
                recorded = last->outputs;
                ledger_.record_skip(run_, outcome.package, inputs, option_text_, outcome.detail);
            } else {
                entry = ledger_.start_package(run_, outcome.package, inputs, option_text_);
            }
        }
        if (entry != 0) {
            Diagnostics diagnostics;
            diagnostics.set_error_limit(200);
            mapping::ConvertOutcome converted;
            bool ok = false;
            try {
                if (csdmx_batch_test_hook != nullptr) csdmx_batch_test_hook(descriptor.c_str());
                auto prepared = mapping::prepare_package(descriptor, options_.prepare, diagnostics);
                ok = prepared && mapping::convert_prepared(*prepared, folder, convert, diagnostics, converted);
            } catch (const std::exception& error) {
                diagnostics.error(descriptor.string(), {}, error.what());
                ok = false;
            } catch (...) {
                diagnostics.error(descriptor.string(), {}, "internal error: an exception of unknown type");
                ok = false;
            }
            std::vector<LedgerOutput> outputs;
            if (ok) {
                for (const auto& path : converted.outputs) {
                    outputs.push_back({relative_text(path, options_.output_dir), sha256_file(path)});
                    outcome.outputs.push_back(outputs.back().path);
                }
            }
            outcome.result = ok ? "converted" : "failed";
            outcome.detail = ok ? "" : error_text(diagnostics);
            outcome.observations = converted.statistics.observations;
            std::lock_guard<std::mutex> guard(lock_);
            ledger_.finish_package(entry, outcome.result, outcome.detail, outcome.observations, outputs);
            entry = 0;  // recorded
            recorded = outputs;
        }
        if (options_.push && outcome.result != "failed") {
            const auto pushed =
                push_package(*options_.push, ledger_, lock_, run_, outcome.package, recorded, options_.output_dir);
            outcome.push = pushed.outcome;
            outcome.push_detail = pushed.detail;
        }
    }

private:
    const BatchOptions& options_;
    Ledger& ledger_;
    std::mutex& lock_;
    std::int64_t run_;
    const std::string& option_text_;
};

// Records a failed package: finishes its entry, or writes one when none was started.
void record_failure(Ledger& ledger, std::int64_t run, const std::string& option_text, const Unrecorded& failure) {
    if (failure.entry != 0) {
        ledger.finish_package(failure.entry, "failed", failure.detail, 0, {});
    } else {
        const auto entry = ledger.start_package(run, failure.package, failure.inputs, option_text);
        ledger.finish_package(entry, "failed", failure.detail, 0, {});
    }
}

}  // namespace

BatchReport run_batch(const BatchOptions& options, const Progress& progress) {
    if (!std::filesystem::is_directory(options.input_dir)) {
        throw EnvironmentError("no folder " + options.input_dir.string() + " to convert");
    }
    const auto packages = find_packages(options.input_dir);
    std::filesystem::create_directories(options.output_dir);
    const OutputFolderLock folder_lock(options.output_dir);
    BatchReport report;
    report.ledger = (options.ledger_file.empty() ? options.output_dir / "ledger.sqlite" : options.ledger_file).string();
    Ledger ledger(report.ledger, options.ledger_wait_milliseconds);
    const std::string option_text = options_text(options);
    const std::int64_t run = ledger.begin_run(options.input_dir.string(), options.output_dir.string(), option_text);

    report.packages.resize(packages.size());
    std::mutex lock;  // the ledger, the report counters, the progress callback, `unrecorded`
    PackageJob job(options, ledger, lock, run, option_text);
    std::vector<Unrecorded> unrecorded;
    std::atomic<std::size_t> next{0};
    std::size_t done = 0;
    // Nothing escapes a worker: whatever one package throws is that package's failure.
    const auto work = [&] {
        for (std::size_t i = next++; i < packages.size(); i = next++) {
            const auto started = std::chrono::steady_clock::now();
            PackageOutcome outcome;
            outcome.package = relative_text(packages[i], options.input_dir);
            std::int64_t entry = 0;
            std::string inputs;
            std::string failure;
            try {
                job.run(packages[i], outcome, entry, inputs);
            } catch (const std::exception& error) {
                failure = error.what();
            } catch (...) {
                failure = "internal error: an exception of unknown type";
            }
            std::lock_guard<std::mutex> guard(lock);
            if (!failure.empty()) {
                outcome.result = "failed";
                outcome.detail = failure + "\n";
                outcome.outputs.clear();
                Unrecorded record{entry, outcome.package, inputs, outcome.detail};
                try {
                    record_failure(ledger, run, option_text, record);
                } catch (const std::exception&) {
                    unrecorded.push_back(std::move(record));  // tried again at the end
                }
            }
            outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            (outcome.result == "converted" ? report.converted
             : outcome.result == "skipped" ? report.skipped
                                           : report.failed)++;
            if (outcome.push == "rejected" || outcome.push == "partial") ++report.pushes_refused;
            if (outcome.push == "unreachable") ++report.pushes_unreachable;
            report.packages[i] = outcome;
            ++done;
            if (progress) {
                try {
                    progress(done, packages.size(), report.packages[i]);
                } catch (...) {
                    // A progress display that fails must not stop the conversions.
                }
            }
        }
    };
    // libxml2 must be initialised once, before threads use it.
    xmlInitParser();
    const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(packages.size())));
    std::vector<std::thread> workers;
    for (unsigned j = 1; j < jobs; ++j) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();

    // Failures the ledger could not take when they came: once more, now that the
    // workers are done (whoever held the ledger may have let go).
    for (const auto& failure : unrecorded) {
        try {
            record_failure(ledger, run, option_text, failure);
        } catch (const std::exception& error) {
            report.ledger_errors.push_back(failure.package + ": its failure is not recorded: " + error.what());
        }
    }
    const std::string summary = report.json();
    try {
        ledger.finish_run(run, summary);
    } catch (const std::exception& error) {
        report.ledger_errors.push_back(std::string("the run's end is not recorded: ") + error.what());
    }
    const std::string final_summary = report.ledger_errors.empty() ? summary : report.json();
    AtomicOutputFile file(options.output_dir / "batch-summary.json");
    file.write(final_summary);
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
        // A failure's first error, so the table says why without opening the ledger.
        if (p.result == "failed" && !p.detail.empty()) text += "    " + p.detail.substr(0, p.detail.find('\n')) + "\n";
        if (!p.push_detail.empty() && p.push != "accepted" && p.push != "already-accepted") {
            text += "    " + p.push_detail + "\n";
        }
    }
    text += std::to_string(packages.size()) + " package(s): " + std::to_string(converted) + " converted, " +
            std::to_string(skipped) + " skipped (unchanged), " + std::to_string(failed) + " failed; ledger " + ledger +
            "\n";
    for (const auto& error : ledger_errors) text += "ledger: " + error + "\n";
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
    document["ledger_errors"] = ledger_errors;
    return document.dump(2) + "\n";
}

}  // namespace csdmx::batch
