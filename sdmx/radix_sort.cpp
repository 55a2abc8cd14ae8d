#include "sdmx/radix_sort.h"

#include <array>
#include <cstddef>

namespace csdmx::sdmx {

namespace {
constexpr unsigned kDigitBits = 11;  // 2,048 counters: they stay in the first-level cache
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
}  // namespace

void radix_sort_bits(SortKeys& values, unsigned low_bit, unsigned bits, SortKeys& scratch) {
    if (values.size() < 2 || bits == 0 || low_bit >= 64) return;
    if (bits > 64 - low_bit) bits = 64 - low_bit;
    scratch.resize(values.size());
    SortKeys* from = &values;
    SortKeys* to = &scratch;
    for (unsigned done = 0; done < bits; done += kDigitBits) {
        const unsigned shift = low_bit + done;
        const unsigned width = bits - done < kDigitBits ? bits - done : kDigitBits;
        const std::uint64_t mask = (std::uint64_t{1} << width) - 1;
        std::array<std::size_t, kBuckets> count{};
        for (const std::uint64_t value : *from) ++count[(value >> shift) & mask];
        if (count[((*from)[0] >> shift) & mask] == from->size()) continue;  // one digit value: nothing moves
        std::size_t position = 0;
        for (auto& bucket : count) {
            const std::size_t size = bucket;
            bucket = position;
            position += size;
        }
        for (const std::uint64_t value : *from) (*to)[count[(value >> shift) & mask]++] = value;
        std::swap(from, to);
    }
    if (from != &values) values.swap(*from);
}

}  // namespace csdmx::sdmx
