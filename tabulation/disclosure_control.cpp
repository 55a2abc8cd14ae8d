#include "tabulation/disclosure_control.h"

#include <map>

namespace csdmx::mapping {

DisclosureCounts apply_disclosure_control(std::vector<ProtectedCell>& cells, int min_cell_size,
                                          const std::vector<std::size_t>& total_dimensions, bool secondary) {
    DisclosureCounts counts;
    for (auto& cell : cells) {
        if (cell.records < static_cast<std::uint64_t>(min_cell_size)) {
            cell.status = 'A';
            ++counts.primary;
        }
    }
    if (!secondary) return counts;

    // Lines: for each disaggregation with a total, the cells that differ only in it.
    std::vector<std::vector<std::size_t>> lines;
    std::vector<std::size_t> line_totals;
    for (std::size_t dimension : total_dimensions) {
        std::map<std::vector<std::string>, std::vector<std::size_t>> by_rest;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            auto rest = cells[i].key;
            rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(dimension));
            by_rest[rest].push_back(i);
        }
        for (auto& [rest, members] : by_rest) {
            std::size_t total = cells.size();
            for (std::size_t i : members) {
                if (cells[i].key[dimension] == kTotalCode) total = i;
            }
            if (total == cells.size() || members.size() < 2) continue;  // no total: nothing to subtract from
            lines.push_back(std::move(members));
            line_totals.push_back(total);
        }
    }
    // Until no line has exactly one suppressed cell.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            std::size_t suppressed = 0;
            for (std::size_t i : lines[l]) suppressed += cells[i].status != 'F' ? 1 : 0;
            if (suppressed != 1) continue;
            std::size_t chosen = cells.size();
            for (std::size_t i : lines[l]) {
                if (cells[i].status != 'F' || i == line_totals[l]) continue;
                if (chosen == cells.size() || cells[i].records < cells[chosen].records) chosen = i;
            }
            if (chosen == cells.size()) chosen = line_totals[l];  // only the total is left to hide
            cells[chosen].status = 'D';
            ++counts.secondary;
            changed = true;
        }
    }
    return counts;
}

}  // namespace csdmx::mapping
