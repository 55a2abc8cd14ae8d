// Disclosure control for tabulated cells: the Copenhagen Framework's "do no harm".
//
// Primary: a cell resting on fewer than k records is suppressed (CONF_STATUS A).
// Secondary: where a disaggregation has a total (_T), a line of cells (the siblings
// and their total) with exactly one suppressed cell would give it away by
// subtraction; the smallest other sibling is suppressed too (CONF_STATUS D), and
// so on until no line gives one away.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace csdmx::mapping {

struct ProtectedCell {
    std::vector<std::string> key;  // one code per dimension (a total is "_T"), then the period
    std::uint64_t records = 0;
    char status = 'F';  // SDMX CL_CONF_STATUS: F free, A primary, D secondary
};

// A suppressed cell, for the person converting (never published): its key, the
// records it rests on and, for a secondary one, the cell whose suppression it protects.
struct SuppressedCell {
    std::vector<std::string> key;
    std::uint64_t records = 0;
    char status = 'A';
    std::vector<std::string> protects;  // secondary only
};

struct DisclosureCounts {
    std::uint64_t primary = 0;
    std::uint64_t secondary = 0;
    std::vector<SuppressedCell> cells;  // primary ones first, then secondary in the order chosen
};

// "SEX=_X, AGE=_T, 2024": a cell key with its dimension ids (the period last, unnamed).
std::string describe_cell_key(const std::vector<std::string>& key, const std::vector<std::string>& dimension_ids);

// Why the secondary suppressions were needed: each protected cell with its records
// and how many cells protect it, e.g. "SEX=_X, 2024 (4 records) by 3 cells".
std::string describe_secondary_causes(const DisclosureCounts& counts, const std::vector<std::string>& dimension_ids,
                                      std::size_t most = 5);

// Every suppressed cell on its own line: "A  SEX=F, 2024  4 records" / "D ... protects ...".
std::string list_suppressed_cells(const DisclosureCounts& counts, const std::vector<std::string>& dimension_ids);

inline constexpr const char* kTotalCode = "_T";

// `total_dimensions`: positions in the key of the disaggregations that have totals.
// Every key has the same number of positions.
DisclosureCounts apply_disclosure_control(std::vector<ProtectedCell>& cells, int min_cell_size,
                                          const std::vector<std::size_t>& total_dimensions, bool secondary);

// The same cells as numbers, as the tabulator holds them: at each key position a
// code's rank among that position's codes in the order of their texts, so that
// keys compare as their texts do without a string in sight.
struct RankedCells {
    static constexpr std::uint32_t kNoRank = 0xFFFFFFFF;
    std::size_t key_size = 0;
    std::vector<std::uint32_t> ranks;        // key_size a cell
    std::vector<std::uint32_t> total_ranks;  // per key position: the rank of "_T" there, or kNoRank
    std::vector<std::uint64_t> records;      // per cell
};

// Sets `status` (one per cell: F, A or D) exactly as the function above would;
// `key_of(cell)` gives a cell's key as text for the suppressed cells listed.
DisclosureCounts apply_disclosure_control(const RankedCells& cells, std::vector<char>& status, int min_cell_size,
                                          const std::vector<std::size_t>& total_dimensions, bool secondary,
                                          const std::function<std::vector<std::string>(std::size_t)>& key_of);

}  // namespace csdmx::mapping
