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
            counts.cells.push_back({cell.key, cell.records, 'A', {}});
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
            std::size_t suppressed = 0, exposed = cells.size();
            for (std::size_t i : lines[l]) {
                if (cells[i].status == 'F') continue;
                ++suppressed;
                exposed = i;
            }
            if (suppressed != 1) continue;
            std::size_t chosen = cells.size();
            for (std::size_t i : lines[l]) {
                if (cells[i].status != 'F' || i == line_totals[l]) continue;
                if (chosen == cells.size() || cells[i].records < cells[chosen].records) chosen = i;
            }
            if (chosen == cells.size()) chosen = line_totals[l];  // only the total is left to hide
            cells[chosen].status = 'D';
            ++counts.secondary;
            counts.cells.push_back({cells[chosen].key, cells[chosen].records, 'D', cells[exposed].key});
            changed = true;
        }
    }
    return counts;
}

std::string describe_cell_key(const std::vector<std::string>& key, const std::vector<std::string>& dimension_ids) {
    std::string text;
    for (std::size_t i = 0; i < key.size(); ++i) {
        text += i ? ", " : "";
        text += i < dimension_ids.size() && i + 1 < key.size() ? dimension_ids[i] + "=" + key[i] : key[i];
    }
    return text;
}

std::string describe_secondary_causes(const DisclosureCounts& counts, const std::vector<std::string>& dimension_ids,
                                      std::size_t most) {
    std::map<std::vector<std::string>, std::size_t> protectors;
    std::vector<std::vector<std::string>> order;
    for (const auto& cell : counts.cells) {
        if (cell.status != 'D') continue;
        if (protectors[cell.protects]++ == 0) order.push_back(cell.protects);
    }
    std::map<std::vector<std::string>, std::uint64_t> records;
    for (const auto& cell : counts.cells) records[cell.key] = cell.records;
    std::string text;
    for (std::size_t i = 0; i < order.size() && i < most; ++i) {
        text += (i ? "; " : "") + describe_cell_key(order[i], dimension_ids);
        if (auto found = records.find(order[i]); found != records.end()) {
            text += " (" + std::to_string(found->second) + " records)";
        }
        text += " by " + std::to_string(protectors[order[i]]) + " cell(s)";
    }
    if (order.size() > most) text += "; and " + std::to_string(order.size() - most) + " more";
    return text;
}

std::string list_suppressed_cells(const DisclosureCounts& counts, const std::vector<std::string>& dimension_ids) {
    std::string text;
    for (const auto& cell : counts.cells) {
        text += std::string(1, cell.status) + "  " + describe_cell_key(cell.key, dimension_ids) + "  " +
                std::to_string(cell.records) + " records";
        if (cell.status == 'D') text += "  protects " + describe_cell_key(cell.protects, dimension_ids);
        text += "\n";
    }
    return text;
}

}  // namespace csdmx::mapping
