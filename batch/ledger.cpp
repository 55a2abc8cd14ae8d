#include "batch/ledger.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <utility>

#include "core/diagnostic.h"
#include "sdmx/model/message_header.h"

namespace csdmx::batch {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  input_dir TEXT NOT NULL,
  output_dir TEXT NOT NULL,
  options TEXT NOT NULL,
  summary TEXT
);
CREATE TABLE IF NOT EXISTS packages (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  package TEXT NOT NULL,
  input_sha256 TEXT NOT NULL,
  options TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('running', 'converted', 'skipped', 'failed')),
  errors TEXT NOT NULL DEFAULT '',
  observations INTEGER NOT NULL DEFAULT 0,
  started TEXT NOT NULL,
  finished TEXT,
  rows_left_out INTEGER NOT NULL DEFAULT 0,
  records_without_period INTEGER NOT NULL DEFAULT 0,
  cells_suppressed_primary INTEGER NOT NULL DEFAULT 0,
  cells_suppressed_secondary INTEGER NOT NULL DEFAULT 0,
  validation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS packages_by_name ON packages(package, result);
CREATE TABLE IF NOT EXISTS outputs (
  package_id INTEGER NOT NULL REFERENCES packages(id),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pushes (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  package TEXT NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  registry TEXT NOT NULL,
  api TEXT NOT NULL,
  request TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  message TEXT NOT NULL,
  answer TEXT NOT NULL,
  pushed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pushes_by_file ON pushes(registry, file, sha256, outcome);
)sql";

// A prepared statement that finalizes itself.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail("prepare");
    }
    ~Statement() { sqlite3_finalize(statement_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const std::string& text) {
        sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int index, std::int64_t value) {
        sqlite3_bind_int64(statement_, index, value);
        return *this;
    }
    bool step() {
        const int status = sqlite3_step(statement_);
        if (status == SQLITE_ROW) return true;
        if (status != SQLITE_DONE) fail("step");
        return false;
    }
    std::string text(int column) const {
        const auto* value = sqlite3_column_text(statement_, column);
        return value ? reinterpret_cast<const char*>(value) : "";
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }

private:
    [[noreturn]] void fail(const char* what) const {
        throw EnvironmentError(std::string("ledger: ") + what + ": " + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

std::vector<LedgerOutput> outputs_of(sqlite3* db, std::int64_t package_id) {
    Statement query(db, "SELECT path, sha256 FROM outputs WHERE package_id = ? ORDER BY path");
    query.bind(1, package_id);
    std::vector<LedgerOutput> outputs;
    while (query.step()) outputs.push_back({query.text(0), query.text(1)});
    return outputs;
}

constexpr const char* kEntryColumns =
    "SELECT id, run_id, package, input_sha256, options, result, errors, started, COALESCE(finished, ''), "
    "observations, rows_left_out, records_without_period, cells_suppressed_primary, cells_suppressed_secondary, "
    "validation FROM packages ";

// The audit columns a ledger of an earlier version lacks, added on open.
constexpr std::array<std::pair<const char*, const char*>, 5> kAuditColumns = {{
    {"rows_left_out", "INTEGER NOT NULL DEFAULT 0"},
    {"records_without_period", "INTEGER NOT NULL DEFAULT 0"},
    {"cells_suppressed_primary", "INTEGER NOT NULL DEFAULT 0"},
    {"cells_suppressed_secondary", "INTEGER NOT NULL DEFAULT 0"},
    {"validation", "TEXT NOT NULL DEFAULT ''"},
}};

LedgerEntry entry_of(const Statement& row) {
    LedgerEntry entry;
    entry.id = row.integer(0);
    entry.run_id = row.integer(1);
    entry.package = row.text(2);
    entry.input_sha256 = row.text(3);
    entry.options = row.text(4);
    entry.result = row.text(5);
    entry.errors = row.text(6);
    entry.started = row.text(7);
    entry.finished = row.text(8);
    entry.observations = static_cast<std::uint64_t>(row.integer(9));
    entry.audit.rows_left_out = static_cast<std::uint64_t>(row.integer(10));
    entry.audit.records_without_period = static_cast<std::uint64_t>(row.integer(11));
    entry.audit.cells_suppressed_primary = static_cast<std::uint64_t>(row.integer(12));
    entry.audit.cells_suppressed_secondary = static_cast<std::uint64_t>(row.integer(13));
    entry.audit.validation = row.text(14);
    return entry;
}

}  // namespace

namespace {

// PRAGMA application_id of a ledger ("CSDX"), so another program's SQLite file is
// told apart from ours without guessing from its tables.
constexpr std::int64_t kApplicationId = 0x43534458;

std::int64_t integer_pragma(sqlite3* db, const char* sql) {
    Statement query(db, sql);
    return query.step() ? query.integer(0) : 0;
}

// Refuses, before anything is written to it, a database that is not a ledger: one
// marked by another application, or holding tables that are not a ledger's.
void require_ledger_or_empty(sqlite3* db, const std::filesystem::path& file) {
    const std::int64_t application = integer_pragma(db, "PRAGMA application_id");
    if (application != 0 && application != kApplicationId) {
        throw EnvironmentError(file.string() +
                               " is an SQLite database of another application, not a citizen-sdmx "
                               "ledger; it was left unchanged: give another --ledger file");
    }
    Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::vector<std::string> names;
    while (tables.step()) names.push_back(tables.text(0));
    if (names.empty() || application == kApplicationId) return;
    const auto has = [&](const char* name) { return std::find(names.begin(), names.end(), name) != names.end(); };
    if (has("runs") && has("packages") && has("outputs")) return;  // a ledger of an earlier version
    std::string listed;
    for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + name;
    throw EnvironmentError(file.string() + " is an SQLite database but not a citizen-sdmx ledger (its tables: " +
                           listed + "); it was left unchanged: give another --ledger file");
}

}  // namespace

Ledger::Ledger(const std::filesystem::path& file, int wait_milliseconds) : file_(file) {
    std::error_code ignored;
    if (std::filesystem::is_directory(file, ignored)) {
        std::string hint;
        if (std::filesystem::is_regular_file(file / "ledger.sqlite", ignored)) {
            hint = " (did you mean " + (file / "ledger.sqlite").string() + "?)";
        }
        throw EnvironmentError("the ledger " + file.string() + " is a folder, not a ledger file" + hint);
    }
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw EnvironmentError("cannot open the ledger " + file.string() + ": " + message);
    }
    try {
        sqlite3_busy_timeout(db_, wait_milliseconds);
        // First read (which also tells a file that is no database): nothing is
        // written to a file that is not ours.
        require_ledger_or_empty(db_, file);
        // WAL: readers (citizen-sdmx ledger) never block the batch; FULL sync: a
        // committed entry survives a crash of the machine, not only of the process.
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        // In one transaction: another process opening the ledger meanwhile sees no
        // table or all of them, never a half-made ledger it would take for foreign.
        exec("BEGIN IMMEDIATE");
        try {
            exec(kSchema);
            add_missing_columns();
            if (integer_pragma(db_, "PRAGMA application_id") != kApplicationId) {
                exec(("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str());
            }
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    } catch (const std::exception& error) {
        sqlite3_close(db_);  // no connection left open behind a refusal
        db_ = nullptr;
        const std::string text = error.what();
        if (text.find("file is not a database") != std::string::npos) {
            throw EnvironmentError("the ledger " + file.string() + " is not an SQLite database (" + text + ")");
        }
        throw;
    }
}

Ledger::~Ledger() {
    sqlite3_close(db_);
}

void Ledger::add_missing_columns() {
    std::vector<std::string> present;
    {
        Statement columns(db_, "SELECT name FROM pragma_table_info('packages')");
        while (columns.step()) present.push_back(columns.text(0));
    }
    for (const auto& [name, type] : kAuditColumns) {
        if (std::find(present.begin(), present.end(), name) != present.end()) continue;
        exec((std::string("ALTER TABLE packages ADD COLUMN ") + name + " " + type).c_str());
    }
}

void Ledger::exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw EnvironmentError("ledger " + file_.string() + ": " + message);
    }
}

std::int64_t Ledger::begin_run(const std::string& input_dir, const std::string& output_dir,
                               const std::string& options) {
    Statement insert(db_, "INSERT INTO runs(started, input_dir, output_dir, options) VALUES (?, ?, ?, ?)");
    insert.bind(1, sdmx::utc_timestamp_now()).bind(2, input_dir).bind(3, output_dir).bind(4, options).step();
    return sqlite3_last_insert_rowid(db_);
}

void Ledger::finish_run(std::int64_t run_id, const std::string& summary) {
    Statement update(db_, "UPDATE runs SET finished = ?, summary = ? WHERE id = ?");
    update.bind(1, sdmx::utc_timestamp_now()).bind(2, summary).bind(3, run_id).step();
}

std::int64_t Ledger::start_package(std::int64_t run_id, const std::string& package, const std::string& input_sha256,
                                   const std::string& options) {
    Statement insert(db_,
                     "INSERT INTO packages(run_id, package, input_sha256, options, result, started) "
                     "VALUES (?, ?, ?, ?, 'running', ?)");
    insert.bind(1, run_id).bind(2, package).bind(3, input_sha256).bind(4, options).bind(5, sdmx::utc_timestamp_now());
    insert.step();
    return sqlite3_last_insert_rowid(db_);
}

void Ledger::finish_package(std::int64_t entry_id, const std::string& result, const std::string& errors,
                            std::uint64_t observations, const std::vector<LedgerOutput>& outputs,
                            const LedgerAudit& audit) {
    exec("BEGIN IMMEDIATE");
    try {
        Statement update(db_,
                         "UPDATE packages SET result = ?, errors = ?, observations = ?, finished = ?, "
                         "rows_left_out = ?, records_without_period = ?, cells_suppressed_primary = ?, "
                         "cells_suppressed_secondary = ?, validation = ? WHERE id = ?");
        update.bind(1, result)
            .bind(2, errors)
            .bind(3, static_cast<std::int64_t>(observations))
            .bind(4, sdmx::utc_timestamp_now())
            .bind(5, static_cast<std::int64_t>(audit.rows_left_out))
            .bind(6, static_cast<std::int64_t>(audit.records_without_period))
            .bind(7, static_cast<std::int64_t>(audit.cells_suppressed_primary))
            .bind(8, static_cast<std::int64_t>(audit.cells_suppressed_secondary))
            .bind(9, audit.validation)
            .bind(10, entry_id)
            .step();
        for (const auto& output : outputs) {
            Statement insert(db_, "INSERT INTO outputs(package_id, path, sha256) VALUES (?, ?, ?)");
            insert.bind(1, entry_id).bind(2, output.path).bind(3, output.sha256).step();
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void Ledger::record_skip(std::int64_t run_id, const std::string& package, const std::string& input_sha256,
                         const std::string& options, const std::string& reason) {
    const std::int64_t id = start_package(run_id, package, input_sha256, options);
    finish_package(id, "skipped", reason, 0, {});
}

std::optional<LedgerEntry> Ledger::last_conversion(const std::string& package, const std::string& input_sha256,
                                                   const std::string& options) {
    Statement query(db_, (std::string(kEntryColumns) +
                          "WHERE package = ? AND input_sha256 = ? AND options = ? AND result = 'converted' "
                          "ORDER BY id DESC LIMIT 1")
                             .c_str());
    query.bind(1, package).bind(2, input_sha256).bind(3, options);
    if (!query.step()) return std::nullopt;
    auto entry = entry_of(query);
    entry.outputs = outputs_of(db_, entry.id);
    return entry;
}

void Ledger::record_push(const LedgerPush& push) {
    Statement insert(db_,
                     "INSERT INTO pushes(run_id, package, file, sha256, registry, api, request, http_status, outcome, "
                     "message, answer, pushed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, push.run_id)
        .bind(2, push.package)
        .bind(3, push.file)
        .bind(4, push.sha256)
        .bind(5, push.registry)
        .bind(6, push.api)
        .bind(7, push.request)
        .bind(8, static_cast<std::int64_t>(push.http_status))
        .bind(9, push.outcome)
        .bind(10, push.message)
        .bind(11, push.answer)
        .bind(12, sdmx::utc_timestamp_now())
        .step();
}

bool Ledger::accepted_before(const std::string& registry, const std::string& file, const std::string& sha256) {
    Statement query(db_,
                    "SELECT 1 FROM pushes WHERE registry = ? AND file = ? AND sha256 = ? AND outcome = 'accepted' "
                    "LIMIT 1");
    query.bind(1, registry).bind(2, file).bind(3, sha256);
    return query.step();
}

std::vector<LedgerEntry> Ledger::entries() {
    Statement query(db_, (std::string(kEntryColumns) + "ORDER BY id").c_str());
    std::vector<LedgerEntry> result;
    while (query.step()) result.push_back(entry_of(query));
    for (auto& entry : result) {
        entry.outputs = outputs_of(db_, entry.id);
        Statement pushes(db_,
                         "SELECT file, sha256, registry, api, request, http_status, outcome, message, answer, pushed "
                         "FROM pushes WHERE run_id = ? AND package = ? ORDER BY id");
        pushes.bind(1, entry.run_id).bind(2, entry.package);
        while (pushes.step()) {
            LedgerPush push;
            push.run_id = entry.run_id;
            push.package = entry.package;
            push.file = pushes.text(0);
            push.sha256 = pushes.text(1);
            push.registry = pushes.text(2);
            push.api = pushes.text(3);
            push.request = pushes.text(4);
            push.http_status = static_cast<int>(pushes.integer(5));
            push.outcome = pushes.text(6);
            push.message = pushes.text(7);
            push.answer = pushes.text(8);
            push.pushed = pushes.text(9);
            entry.pushes.push_back(std::move(push));
        }
    }
    return result;
}

}  // namespace csdmx::batch
