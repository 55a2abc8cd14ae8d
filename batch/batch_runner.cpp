#include "batch/batch_runner.h"

#include <libxml/parser.h>
#include <stdlib.h>

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

// The SHA-256 of what a package is: its descriptor, its own mapping (when it has
// one) and every data file it names.
// Each file's digest goes to `files` too, for the conversion's provenance.
std::string input_hash(const std::filesystem::path& descriptor, std::map<std::string, std::string>& files,
                       const std::optional<std::filesystem::path>& own_mapping, std::vector<std::string>& resources) {
    files[descriptor.string()] = sha256_file(descriptor);
    std::string listing = "descriptor " + files[descriptor.string()] + "\n";
    if (own_mapping) listing += "mapping " + sha256_file(*own_mapping) + "\n";
    Diagnostics ignored;
    try {
        const auto package = package::read_data_package(descriptor, ignored);
        for (const auto& resource : package.resources) {
            resources.push_back(resource.name);
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
    if (options.prepare.code_id_case == sdmx::CodeIdCase::keep) text += "; code_ids keep";
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

// The mapping a package brings: mapping.yaml (or .yml) beside its descriptor, a
// regular file (not a link out of the package). Used instead of --mapping, with --dsd.
std::optional<std::filesystem::path> package_mapping(const std::filesystem::path& descriptor) {
    for (const char* name : {"mapping.yaml", "mapping.yml"}) {
        const auto candidate = descriptor.parent_path() / name;
        std::error_code error;
        if (std::filesystem::is_regular_file(std::filesystem::symlink_status(candidate, error))) return candidate;
    }
    return std::nullopt;
}

// What the conversion left out or held back (LedgerAudit).
LedgerAudit audit_of(const mapping::PreparedPackage& prepared, const mapping::ConvertOutcome& converted) {
    LedgerAudit audit;
    audit.validation = prepared.metadata.validation.result;
    audit.rows_left_out = converted.statistics.rows_skipped;
    if (converted.tabulation) {
        const auto& report = *converted.tabulation;
        audit.records_without_period = report.records_left_out;
        // Records tabulation left out are counted among the skipped rows when records are
        // tabulated for a generated DSD (mappings/record_conversion.cpp), not with a mapping.
        if (!prepared.target && audit.rows_left_out >= report.records_left_out) {
            audit.rows_left_out -= report.records_left_out;
        }
        audit.cells_suppressed_primary = report.suppressed.primary;
        audit.cells_suppressed_secondary = report.suppressed.secondary;
    }
    return audit;
}

// The sub-folder of a resource's messages: its name when that is a plain file name
// (descriptors are untrusted: no "..", no "/"), else its position.
std::string resource_folder(const std::string& name, std::size_t index) {
    const bool plain = !name.empty() && name.size() <= 100 && name != "." && name != ".." &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                  c == '-' || c == '_' || c == '.';
                       });
    return plain ? name : "resource-" + std::to_string(index + 1);
}

void add_audit(LedgerAudit& total, const LedgerAudit& more) {
    total.rows_left_out += more.rows_left_out;
    total.records_without_period += more.records_without_period;
    total.cells_suppressed_primary += more.cells_suppressed_primary;
    total.cells_suppressed_secondary += more.cells_suppressed_secondary;
    total.validation = more.validation;  // one per package
}

// One package from ledger check to ledger record. Anything it throws — a ledger
// error, an internal error of any kind — is the caller's to record as a failure.
// In a dry run (no ledger, or one only read) it converts into `scratch` and removes it.
class PackageJob {
public:
    PackageJob(const BatchOptions& options, Ledger* ledger, std::mutex& lock, std::int64_t run,
               const std::string& option_text, std::filesystem::path scratch)
        : options_(options),
          ledger_(ledger),
          lock_(lock),
          run_(run),
          option_text_(option_text),
          scratch_(std::move(scratch)) {}

    void run(const std::filesystem::path& descriptor, PackageOutcome& outcome, std::int64_t& entry,
             std::string& inputs) {
        const auto relative_folder = std::filesystem::relative(descriptor.parent_path(), options_.input_dir);
        const bool dry_run = options_.dry_run;
        const auto folder = (dry_run ? scratch_ : options_.output_dir) / relative_folder;
        mapping::ConvertOptions convert = options_.convert;
        mapping::PrepareOptions prepare = options_.prepare;
        const auto own_mapping = package_mapping(descriptor);
        if (own_mapping) prepare.mapping_file = *own_mapping;
        // --dsd serves the packages that bring (or are given) a mapping; the others
        // convert onto their generated DSD.
        if (!prepare.mapping_file) prepare.dsd_files.clear();
        std::vector<std::string> resources;
        inputs = input_hash(descriptor, convert.known_sha256, own_mapping, resources);
        std::vector<LedgerOutput> recorded;  // the package's outputs with their SHA-256
        if (ledger_ != nullptr) {
            std::lock_guard<std::mutex> guard(lock_);
            auto last = ledger_->last_conversion(outcome.package, inputs, option_text_);
            if (!options_.force && last && unchanged(*last, options_.output_dir)) {
                outcome.result = "skipped";
                outcome.detail = "unchanged since run " + std::to_string(last->run_id);
                outcome.observations = last->observations;
                outcome.audit = last->audit;
                for (const auto& output : last->outputs) outcome.outputs.push_back(output.path);
                recorded = last->outputs;
                if (!dry_run) ledger_->record_skip(run_, outcome.package, inputs, option_text_, outcome.detail);
            } else if (!dry_run) {
                entry = ledger_->start_package(run_, outcome.package, inputs, option_text_);
            }
        }
        if (outcome.result == "skipped") {
            push(outcome, recorded);
            return;
        }
        // Which resources: the one asked for (or named by the mapping); every one, each
        // into a sub-folder of its name, when the package has several and none is chosen.
        std::vector<std::pair<std::string, std::filesystem::path>> targets;  // resource, folder
        if (resources.size() > 1 && prepare.resource.empty() && !prepare.mapping_file) {
            for (std::size_t r = 0; r < resources.size(); ++r) {
                targets.emplace_back(resources[r], folder / resource_folder(resources[r], r));
            }
        } else {
            targets.emplace_back(prepare.resource, folder);
        }
        Diagnostics diagnostics;
        diagnostics.set_error_limit(200);
        std::vector<std::filesystem::path> written;
        bool ok = true;
        for (const auto& [resource, target_folder] : targets) {
            prepare.resource = resource;
            mapping::ConvertOutcome converted;
            bool converted_ok = false;
            try {
                if (csdmx_batch_test_hook != nullptr) csdmx_batch_test_hook(descriptor.c_str());
                auto prepared = mapping::prepare_package(descriptor, prepare, diagnostics);
                converted_ok =
                    prepared && mapping::convert_prepared(*prepared, target_folder, convert, diagnostics, converted);
                if (prepared) add_audit(outcome.audit, audit_of(*prepared, converted));
            } catch (const std::exception& error) {
                diagnostics.error(descriptor.string(), {}, error.what());
            } catch (...) {
                diagnostics.error(descriptor.string(), {}, "internal error: an exception of unknown type");
            }
            ok = ok && converted_ok;
            outcome.observations += converted.statistics.observations;
            if (converted_ok) written.insert(written.end(), converted.outputs.begin(), converted.outputs.end());
        }
        std::vector<LedgerOutput> outputs;
        if (ok) {
            const auto& base = dry_run ? scratch_ : options_.output_dir;
            for (const auto& path : written) {
                outputs.push_back({relative_text(path, base), sha256_file(path)});
                outcome.outputs.push_back(outputs.back().path);
            }
        }
        if (dry_run) {
            std::error_code ignored;
            std::filesystem::remove_all(folder, ignored);
        }
        outcome.result = ok ? "converted" : "failed";
        outcome.detail = ok ? "" : error_text(diagnostics);
        if (entry != 0) {
            std::lock_guard<std::mutex> guard(lock_);
            ledger_->finish_package(entry, outcome.result, outcome.detail, outcome.observations, outputs,
                                    outcome.audit);
            entry = 0;  // recorded
        }
        recorded = outputs;
        if (outcome.result != "failed") push(outcome, recorded);
    }

private:
    void push(PackageOutcome& outcome, const std::vector<LedgerOutput>& recorded) {
        if (!options_.push || options_.dry_run || ledger_ == nullptr) return;
        const auto pushed =
            push_package(*options_.push, *ledger_, lock_, run_, outcome.package, recorded, options_.output_dir);
        outcome.push = pushed.outcome;
        outcome.push_detail = pushed.detail;
    }

    const BatchOptions& options_;
    Ledger* ledger_;  // null in a dry run without a ledger yet
    std::mutex& lock_;
    std::int64_t run_;
    const std::string& option_text_;
    std::filesystem::path scratch_;  // dry run: where packages are converted, then removed
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
    BatchReport report;
    report.dry_run = options.dry_run;
    report.ledger = (options.ledger_file.empty() ? options.output_dir / "ledger.sqlite" : options.ledger_file).string();
    std::optional<OutputFolderLock> folder_lock;
    std::optional<Ledger> ledger;
    std::filesystem::path scratch;  // a dry run's conversions, removed at the end
    std::int64_t run = 0;
    const std::string option_text = options_text(options);
    if (options.dry_run) {
        // Nothing is written: the ledger, when there is one, is only read (which
        // packages are unchanged); conversions go to a private temporary folder.
        std::error_code missing;
        if (std::filesystem::is_regular_file(report.ledger, missing)) {
            ledger.emplace(report.ledger, options.ledger_wait_milliseconds);
        }
        std::string pattern = (std::filesystem::temp_directory_path() / "citizen-sdmx-dry-run.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw EnvironmentError("cannot create a temporary folder for the dry run in " +
                                   std::filesystem::temp_directory_path().string());
        }
        scratch = pattern;
    } else {
        std::filesystem::create_directories(options.output_dir);
        folder_lock.emplace(options.output_dir);
        ledger.emplace(report.ledger, options.ledger_wait_milliseconds);
        run = ledger->begin_run(options.input_dir.string(), options.output_dir.string(), option_text);
    }
    const struct ScratchRemoval {
        const std::filesystem::path& folder;
        ~ScratchRemoval() {
            std::error_code ignored;
            if (!folder.empty()) std::filesystem::remove_all(folder, ignored);
        }
    } scratch_removal{scratch};

    report.packages.resize(packages.size());
    std::mutex lock;  // the ledger, the report counters, the progress callback, `unrecorded`
    PackageJob job(options, ledger ? &*ledger : nullptr, lock, run, option_text, scratch);
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
                    if (!options.dry_run) record_failure(*ledger, run, option_text, record);
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
    if (options.dry_run) return report;
    for (const auto& failure : unrecorded) {
        try {
            record_failure(*ledger, run, option_text, failure);
        } catch (const std::exception& error) {
            report.ledger_errors.push_back(failure.package + ": its failure is not recorded: " + error.what());
        }
    }
    const std::string summary = report.json();
    try {
        ledger->finish_run(run, summary);
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
    if (dry_run) text += "dry run: nothing was written; \"converted\" means it would be converted\n";
    text += "package" + std::string(width - 7 + 2, ' ') + "result      observations  seconds" +
            (pushed ? "  push" : "") + "\n";
    for (const auto& p : packages) {
        std::snprintf(line, sizeof line, "%-10s  %12llu  %7.2f", p.result.c_str(),
                      static_cast<unsigned long long>(p.observations), p.seconds);
        text += p.package + std::string(width - p.package.size() + 2, ' ') + line +
                (p.push.empty() ? "" : "  " + p.push) + "\n";
        // What was left out or held back, for people who sign the data off.
        const auto& a = p.audit;
        std::string audit;
        if (a.rows_left_out > 0) audit += std::to_string(a.rows_left_out) + " row(s) left out; ";
        if (a.records_without_period > 0) {
            audit += std::to_string(a.records_without_period) + " record(s) without a usable period left out; ";
        }
        if (a.cells_suppressed_primary + a.cells_suppressed_secondary > 0) {
            audit += "cells suppressed: " + std::to_string(a.cells_suppressed_primary) + " primary, " +
                     std::to_string(a.cells_suppressed_secondary) + " secondary; ";
        }
        if (!a.validation.empty() && a.validation != "VALIDATED" && p.result != "failed") {
            audit += "validation " + a.validation + "; ";
        }
        if (!audit.empty()) text += "    " + audit.substr(0, audit.size() - 2) + "\n";
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
                                        {"rows_left_out", p.audit.rows_left_out},
                                        {"records_without_period", p.audit.records_without_period},
                                        {"cells_suppressed_primary", p.audit.cells_suppressed_primary},
                                        {"cells_suppressed_secondary", p.audit.cells_suppressed_secondary},
                                        {"validation", p.audit.validation},
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
    document["dry_run"] = dry_run;
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace csdmx::batch
