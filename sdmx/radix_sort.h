// A stable least-significant-digit radix sort of 64-bit integers on a range of their bits.
//
// The series sorter packs each record's key above its input index into one integer;
// sorting only the key bits, stably, keeps equal keys in input order and takes two
// or three passes over the array where std::sort compared its way through
// log2(n) levels (a tenth of a 10^6-observation convert).
#pragma once

#include <cstdint>
#include <vector>

#include "core/huge_pages.h"

namespace csdmx::sdmx {

using SortKeys = std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>>;

// Orders `values` by (value >> low_bit) & (2^bits - 1), keeping the input order of
// values equal there. `scratch` is working space (resized as needed, reusable).
void radix_sort_bits(SortKeys& values, unsigned low_bit, unsigned bits, SortKeys& scratch);

}  // namespace csdmx::sdmx
