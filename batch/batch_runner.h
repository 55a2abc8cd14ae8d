// Converts every citizen data package under a folder, in parallel, recording each
// in the ledger: packages whose inputs, options and outputs are unchanged since
// their last conversion are skipped, so a rerun is idempotent and an interrupted
// batch resumes where it stopped.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "batch/ledger.h"
#include "batch/package_push.h"
#include "pipeline/converter.h"

namespace csdmx::batch {

struct BatchOptions {
    std::filesystem::path input_dir;
    std::filesystem::path output_dir;
    std::filesystem::path ledger_file;  // default: <output_dir>/ledger.sqlite
    unsigned jobs = 1;
    bool force = false;    // convert even what is unchanged
    bool dry_run = false;  // convert into a temporary folder, removed; write no output, ledger entry or summary
    mapping::PrepareOptions prepare;
    mapping::ConvertOptions convert;
    std::vector<std::filesystem::path> option_files;  // files whose content decides the output (mapping, DSDs)
    std::optional<BatchPush> push;                    // --push: each package's messages to a registry
    int ledger_wait_milliseconds = Ledger::kDefaultWaitMilliseconds;  // for a ledger locked by another process
};

struct PackageOutcome {
    std::string package;  // the descriptor, relative to the input folder
    std::string result;   // converted | skipped | failed
    std::string detail;   // why skipped, or the errors
    std::uint64_t observations = 0;
    LedgerAudit audit;                 // rows left out, cells suppressed, validation status
    std::vector<std::string> outputs;  // relative to the output folder
    double seconds = 0;
    std::string push;  // with --push: accepted | partial | rejected | unreachable | already-accepted
    std::string push_detail;
};

struct BatchReport {
    std::vector<PackageOutcome> packages;  // in the order of the package paths
    std::size_t converted = 0, skipped = 0, failed = 0;
    std::size_t pushes_refused = 0;  // rejected or partly accepted
    std::size_t pushes_unreachable = 0;
    std::string ledger;
    std::vector<std::string> ledger_errors;  // what the ledger could not record (the run goes on)
    bool dry_run = false;                    // "converted" means: would be converted

    std::string table() const;  // for people
    std::string json() const;   // for pipelines; also written as <output_dir>/batch-summary.json
};

// Called after each package, from the worker that converted it (serialised).
using Progress = std::function<void(std::size_t done, std::size_t total, const PackageOutcome& outcome)>;

// Every datapackage.json under `folder`, sorted.
std::vector<std::filesystem::path> find_packages(const std::filesystem::path& folder);

// Throws EnvironmentError when the input folder or the ledger cannot be used, or
// another batch holds the output folder (batch/output_lock.h). Once packages are
// converted nothing else throws: each package's failure, of whatever kind, is
// recorded as that package's and the batch goes on.
BatchReport run_batch(const BatchOptions& options, const Progress& progress);

}  // namespace csdmx::batch
