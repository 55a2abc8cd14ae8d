#include "tabulation/disclosure_control.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace csdmx::mapping {

DisclosureCounts apply_disclosure_control(std::vector<ProtectedCell>& cells, int min_cell_size,
                                          const std::vector<std::size_t>& total_dimensions, bool secondary) {
    RankedCells ranked;
    ranked.key_size = cells.empty() ? 0 : cells.front().key.size();
    ranked.ranks.resize(cells.size() * ranked.key_size);
    ranked.total_ranks.assign(ranked.key_size, RankedCells::kNoRank);
    for (std::size_t p = 0; p < ranked.key_size; ++p) {
        std::vector<std::string> texts;
        for (const auto& cell : cells) {
            if (cell.key.size() != ranked.key_size) throw std::invalid_argument("cell keys of different lengths");
            texts.push_back(cell.key[p]);
        }
        std::sort(texts.begin(), texts.end());
        texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
        auto rank_of = [&](const std::string& text) {
            return static_cast<std::uint32_t>(std::lower_bound(texts.begin(), texts.end(), text) - texts.begin());
        };
        for (std::size_t i = 0; i < cells.size(); ++i) ranked.ranks[i * ranked.key_size + p] = rank_of(cells[i].key[p]);
        if (std::binary_search(texts.begin(), texts.end(), std::string(kTotalCode))) {
            ranked.total_ranks[p] = rank_of(kTotalCode);
        }
    }
    for (const auto& cell : cells) ranked.records.push_back(cell.records);
    std::vector<char> status(cells.size(), 'F');
    auto counts = apply_disclosure_control(ranked, status, min_cell_size, total_dimensions, secondary,
                                           [&](std::size_t i) { return cells[i].key; });
    for (std::size_t i = 0; i < cells.size(); ++i) cells[i].status = status[i];
    return counts;
}

DisclosureCounts apply_disclosure_control(const RankedCells& cells, std::vector<char>& status, int min_cell_size,
                                          const std::vector<std::size_t>& total_dimensions, bool secondary,
                                          const std::function<std::vector<std::string>(std::size_t)>& key_of) {
    DisclosureCounts counts;
    const std::size_t cell_count = cells.records.size();
    const std::size_t key_size = cells.key_size;
    status.assign(cell_count, 'F');
    for (std::size_t i = 0; i < cell_count; ++i) {
        if (cells.records[i] < static_cast<std::uint64_t>(min_cell_size)) {
            status[i] = 'A';
            ++counts.primary;
            counts.cells.push_back({key_of(i), cells.records[i], 'A', {}});
        }
    }
    if (!secondary) return counts;

    // Lines: for each disaggregation with a total, the cells that differ only in it,
    // in the order of the rest of their keys (as a map of them would give), each
    // line's cells in their order.
    std::vector<std::vector<std::size_t>> lines;
    std::vector<std::size_t> line_totals;
    std::vector<std::uint32_t> order(cell_count);
    for (std::size_t dimension : total_dimensions) {
        auto rest_less = [&](std::uint32_t a, std::uint32_t b) {
            const std::uint32_t* x = cells.ranks.data() + std::size_t{a} * key_size;
            const std::uint32_t* y = cells.ranks.data() + std::size_t{b} * key_size;
            for (std::size_t p = 0; p < key_size; ++p) {
                if (p == dimension || x[p] == y[p]) continue;
                return x[p] < y[p];
            }
            return false;
        };
        for (std::size_t i = 0; i < cell_count; ++i) order[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(order.begin(), order.end(), rest_less);
        const std::uint32_t total_rank = cells.total_ranks[dimension];
        for (std::size_t begin = 0; begin < cell_count;) {
            std::size_t end = begin + 1;
            while (end < cell_count && !rest_less(order[begin], order[end])) ++end;
            std::size_t total = cell_count;
            for (std::size_t k = begin; k < end; ++k) {
                if (cells.ranks[std::size_t{order[k]} * key_size + dimension] == total_rank) total = order[k];
            }
            if (total != cell_count && end - begin >= 2) {  // else: no total, nothing to subtract from
                lines.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(begin),
                                   order.begin() + static_cast<std::ptrdiff_t>(end));
                line_totals.push_back(total);
            }
            begin = end;
        }
    }
    // Until no line has exactly one suppressed cell.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            std::size_t suppressed = 0, exposed = cell_count;
            for (std::size_t i : lines[l]) {
                if (status[i] == 'F') continue;
                ++suppressed;
                exposed = i;
            }
            if (suppressed != 1) continue;
            std::size_t chosen = cell_count;
            for (std::size_t i : lines[l]) {
                if (status[i] != 'F' || i == line_totals[l]) continue;
                if (chosen == cell_count || cells.records[i] < cells.records[chosen]) chosen = i;
            }
            if (chosen == cell_count) chosen = line_totals[l];  // only the total is left to hide
            status[chosen] = 'D';
            ++counts.secondary;
            counts.cells.push_back({key_of(chosen), cells.records[chosen], 'D', key_of(exposed)});
            changed = true;
        }
    }
    return counts;
}

namespace {

void append_cell_key(std::string& text, const std::vector<std::string>& key,
                     const std::vector<std::string>& dimension_ids) {
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (i) text += ", ";
        if (i < dimension_ids.size() && i + 1 < key.size()) {
            text += dimension_ids[i];
            text += '=';
        }
        text += key[i];
    }
}

// A key as one string, each part after its length, for hashing.
std::string joined(const std::vector<std::string>& key) {
    std::string text;
    for (const auto& part : key) {
        const auto size = static_cast<std::uint32_t>(part.size());
        text.append(reinterpret_cast<const char*>(&size), sizeof size);
        text += part;
    }
    return text;
}

}  // namespace

std::string describe_cell_key(const std::vector<std::string>& key, const std::vector<std::string>& dimension_ids) {
    std::string text;
    append_cell_key(text, key, dimension_ids);
    return text;
}

std::string describe_secondary_causes(const DisclosureCounts& counts, const std::vector<std::string>& dimension_ids,
                                      std::size_t most) {
    // How many cells protect each protected cell, in the order they were first chosen.
    std::unordered_map<std::string, std::size_t> protectors;
    std::vector<const std::vector<std::string>*> order;
    for (const auto& cell : counts.cells) {
        if (cell.status != 'D') continue;
        if (protectors[joined(cell.protects)]++ == 0) order.push_back(&cell.protects);
    }
    std::string text;
    for (std::size_t i = 0; i < order.size() && i < most; ++i) {
        const auto& key = *order[i];
        if (i) text += "; ";
        append_cell_key(text, key, dimension_ids);
        // Its records: the last listing of the cell (suppressed cells are listed once).
        for (auto cell = counts.cells.rbegin(); cell != counts.cells.rend(); ++cell) {
            if (cell->key != key) continue;
            text += " (" + std::to_string(cell->records) + " records)";
            break;
        }
        text += " by " + std::to_string(protectors[joined(key)]) + " cell(s)";
    }
    if (order.size() > most) text += "; and " + std::to_string(order.size() - most) + " more";
    return text;
}

std::string list_suppressed_cells(const DisclosureCounts& counts, const std::vector<std::string>& dimension_ids) {
    std::string text;
    for (const auto& cell : counts.cells) {
        text += cell.status;
        text += "  ";
        append_cell_key(text, cell.key, dimension_ids);
        text += "  ";
        text += std::to_string(cell.records);
        text += " records";
        if (cell.status == 'D') {
            text += "  protects ";
            append_cell_key(text, cell.protects, dimension_ids);
        }
        text += '\n';
    }
    return text;
}

}  // namespace csdmx::mapping
