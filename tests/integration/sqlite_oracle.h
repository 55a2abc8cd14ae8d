// sqlite3, the command-line shell, as an independent oracle: tests import the same
// raw files into an in-memory database and compute the statistics in SQL.
#pragma once

#include <string>
#include <vector>

namespace csdmx::test {

// Runs `script` in `sqlite3 -batch -bail :memory:` and returns its output rows,
// split at '|' (the list mode). A failure of sqlite3 fails the calling test.
std::vector<std::vector<std::string>> sqlite_rows(const std::string& script);

// ".import" of a file into an existing table, the header line passed over.
std::string sqlite_import(const std::string& file, const std::string& table, char separator);

}  // namespace csdmx::test
