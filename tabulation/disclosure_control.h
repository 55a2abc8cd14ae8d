// Disclosure control for tabulated cells: the Copenhagen Framework's "do no harm".
//
// Primary: a cell resting on fewer than k records is suppressed (CONF_STATUS A).
// Secondary: where a disaggregation has a total (_T), a line of cells (the siblings
// and their total) with exactly one suppressed cell would give it away by
// subtraction; the smallest other sibling is suppressed too (CONF_STATUS D), and
// so on until no line gives one away.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace csdmx::mapping {

struct ProtectedCell {
    std::vector<std::string> key;  // one code per dimension (a total is "_T"), then the period
    std::uint64_t records = 0;
    char status = 'F';  // SDMX CL_CONF_STATUS: F free, A primary, D secondary
};

struct DisclosureCounts {
    std::uint64_t primary = 0;
    std::uint64_t secondary = 0;
};

inline constexpr const char* kTotalCode = "_T";

// `total_dimensions`: positions in the key of the disaggregations that have totals.
DisclosureCounts apply_disclosure_control(std::vector<ProtectedCell>& cells, int min_cell_size,
                                          const std::vector<std::size_t>& total_dimensions, bool secondary);

}  // namespace csdmx::mapping
