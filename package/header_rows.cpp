#include "package/header_rows.h"

#include <algorithm>
#include <map>
#include <set>

namespace csdmx::package {

std::string trim_spaces(const std::string& text) {
    auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    auto end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

std::vector<std::string> join_header_rows(const std::vector<CsvRecord>& rows, const std::string& join) {
    std::size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.fields.size());
    std::vector<std::string> names(width);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& cells = rows[r].fields;
        const bool upper = r + 1 < rows.size();
        std::string carried;
        for (std::size_t c = 0; c < width; ++c) {
            std::string cell = c < cells.size() ? trim_spaces(cells[c]) : std::string();
            if (upper) {
                if (!cell.empty()) carried = cell;
                cell = carried;
            }
            if (cell.empty()) continue;
            names[c] += (names[c].empty() ? "" : join) + cell;
        }
    }
    return names;
}

bool looks_like_upper_header_row(const CsvRecord& row, const CsvRecord& next) {
    std::size_t empty = static_cast<std::size_t>(
        std::count_if(row.fields.begin(), row.fields.end(), [](const auto& f) { return trim_spaces(f).empty(); }));
    if (empty == 0 || empty * 4 < row.fields.size() || next.fields.empty()) return false;
    return std::all_of(next.fields.begin(), next.fields.end(), [](const auto& f) {
        std::string t = trim_spaces(f);
        return !t.empty() && t.find_first_not_of("0123456789.,-+") != std::string::npos;
    });
}

std::vector<std::string> repaired_header_names(const std::vector<std::string>& names) {
    std::set<std::string> taken;
    for (const auto& name : names) taken.insert(trim_spaces(name));
    std::vector<std::string> repaired(names.size());
    std::map<std::string, int> seen;
    for (std::size_t c = 0; c < names.size(); ++c) {
        const std::string name = trim_spaces(names[c]);
        if (name.empty()) {
            std::string placeholder = "column_" + std::to_string(c + 1);
            while (taken.count(placeholder)) placeholder += "_";
            taken.insert(placeholder);
            repaired[c] = placeholder;
            continue;
        }
        const int occurrence = ++seen[name];
        if (occurrence == 1) {
            repaired[c] = names[c];
            continue;
        }
        std::string suffixed = name + "__" + std::to_string(occurrence);
        while (taken.count(suffixed)) suffixed += "_";
        taken.insert(suffixed);
        repaired[c] = suffixed;
    }
    return repaired;
}

}  // namespace csdmx::package
