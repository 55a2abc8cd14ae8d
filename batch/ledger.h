// The audit ledger of batch conversions: an SQLite database (WAL journal) that
// records every run, every package converted, skipped or failed, with the SHA-256
// of its inputs and outputs — the provenance trail an NSO auditor asks for.
//
// Crash safety: a package is recorded as "running" (committed) before it is
// converted and as "converted" with its outputs in one transaction after its
// files were renamed into place. A kill -9 in between leaves a "running" entry,
// which the next run redoes; SQLite's journal keeps the file consistent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace csdmx::batch {

struct LedgerOutput {
    std::string path;  // relative to the batch's output folder
    std::string sha256;
};

// One file pushed to a registry, with the registry's answer.
struct LedgerPush {
    std::int64_t run_id = 0;
    std::string package;
    std::string file;    // relative to the batch's output folder
    std::string sha256;  // of the file as pushed
    std::string registry, api, request;
    int http_status = 0;
    std::string outcome;  // accepted | partial | rejected | unreachable | not-sent
    std::string message;
    std::string answer;  // the registry's answer as received (truncated)
    std::string pushed;  // UTC timestamp
};

// What a conversion left out or held back, for the audit trail (issue 19): an
// auditor must see that rows were dropped, cells suppressed, data not yet cleared.
struct LedgerAudit {
    std::uint64_t rows_left_out = 0;           // bad rows or rows breaking a DSD rule, skipped by policy
    std::uint64_t records_without_period = 0;  // records tabulation left out (no usable period or weight)
    std::uint64_t cells_suppressed_primary = 0;
    std::uint64_t cells_suppressed_secondary = 0;
    std::string validation;  // citizen_data.validation.result (e.g. PENDING, VALIDATED)
};

struct LedgerEntry {
    std::int64_t id = 0;
    std::int64_t run_id = 0;
    std::string package;       // relative to the batch's input folder
    std::string input_sha256;  // of the descriptor and every data file
    std::string options;       // what else decides the output (formats, mapping ...)
    std::string result;        // running | converted | skipped | failed
    std::string errors;        // diagnostics, one per line, for failed packages
    std::string started, finished;
    std::uint64_t observations = 0;
    LedgerAudit audit;
    std::vector<LedgerOutput> outputs;
    std::vector<LedgerPush> pushes;  // of this run's entry for the package
};

class Ledger {
public:
    // Opens or creates the ledger. Throws EnvironmentError when it cannot, when the
    // path is a folder, or when the file is not a ledger (refused before anything
    // is written to it). A locked ledger is waited for `wait_milliseconds`.
    explicit Ledger(const std::filesystem::path& file, int wait_milliseconds = kDefaultWaitMilliseconds);
    static constexpr int kDefaultWaitMilliseconds = 10000;
    ~Ledger();
    Ledger(const Ledger&) = delete;
    Ledger& operator=(const Ledger&) = delete;

    std::int64_t begin_run(const std::string& input_dir, const std::string& output_dir, const std::string& options);
    void finish_run(std::int64_t run_id, const std::string& summary);

    std::int64_t start_package(std::int64_t run_id, const std::string& package, const std::string& input_sha256,
                               const std::string& options);
    void finish_package(std::int64_t entry_id, const std::string& result, const std::string& errors,
                        std::uint64_t observations, const std::vector<LedgerOutput>& outputs,
                        const LedgerAudit& audit = {});
    void record_skip(std::int64_t run_id, const std::string& package, const std::string& input_sha256,
                     const std::string& options, const std::string& reason);

    // The last time the package was converted with these inputs and options, if ever.
    std::optional<LedgerEntry> last_conversion(const std::string& package, const std::string& input_sha256,
                                               const std::string& options);
    void record_push(const LedgerPush& push);
    // True when the registry accepted exactly these bytes of this file before.
    bool accepted_before(const std::string& registry, const std::string& file, const std::string& sha256);

    // Every entry, oldest first (with their outputs and pushes).
    std::vector<LedgerEntry> entries();

private:
    void exec(const char* sql);
    void add_missing_columns();
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

}  // namespace csdmx::batch
