#include "tests/integration/sqlite_oracle.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/test_support.h"

namespace csdmx::test {

std::vector<std::vector<std::string>> sqlite_rows(const std::string& script) {
    ScratchDirectory scratch;
    write_file(scratch / "oracle.sql", script);
    auto result = run_command("sqlite3 -batch -bail :memory: < " + shell_quote((scratch / "oracle.sql").string()));
    EXPECT_EQ(result.exit_code, 0) << "sqlite3 failed (scripts/install-deps test installs it):\n" << result.output;
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(result.output);
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1) {
            fields.push_back(line.substr(start, bar - start));
        }
        fields.push_back(line.substr(start));
        rows.push_back(std::move(fields));
    }
    return rows;
}

std::string sqlite_import(const std::string& file, const std::string& table, char separator) {
    return ".mode csv\n.separator \"" + std::string(1, separator) + "\"\n.import --skip 1 " + shell_quote(file) + " " +
           table + "\n.mode list\n.separator |\n";
}

}  // namespace csdmx::test
