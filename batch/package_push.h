// batch --push: after a package is converted (or found unchanged), its structure
// messages and one data message go to the registry, unless the registry already
// accepted those very bytes; every answer is recorded in the ledger.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "batch/ledger.h"
#include "registry/push.h"

namespace csdmx::batch {

struct BatchPush {
    registry::PushOptions options;
    registry::Credentials credentials;
};

struct PackagePush {
    std::string outcome;  // accepted | partial | rejected | unreachable | already-accepted
    std::string detail;
};

// The structure messages, then one data message: SDMX-ML 2.1 structure-specific
// when written, else the first other data output (none for sdmx-rest-v2, which
// has no data submission). Reports of skipped rows are never pushed.
std::vector<LedgerOutput> files_to_push(const std::vector<LedgerOutput>& outputs, registry::ApiKind api);

// Pushes the package's files the registry has not accepted before and records each
// answer (under `ledger_lock`). Never throws for a registry's answer.
PackagePush push_package(const BatchPush& push, Ledger& ledger, std::mutex& ledger_lock, std::int64_t run_id,
                         const std::string& package, const std::vector<LedgerOutput>& outputs,
                         const std::filesystem::path& output_dir);

}  // namespace csdmx::batch
