#include "tabulation/median_values.h"

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>

#include "core/diagnostic.h"

namespace csdmx::mapping {

namespace {

constexpr std::size_t kPairBytes = sizeof(std::uint32_t) + sizeof(std::uint64_t);
constexpr std::size_t kRecordsPerBlock = 1 << 14;

[[noreturn]] void spill_failed(const char* what) {
    throw EnvironmentError(std::string("temporary median file: ") + what + ": " + std::strerror(errno));
}

}  // namespace

MedianValues::MedianValues(std::filesystem::path spill_directory, std::size_t memory_budget)
    : directory_(std::move(spill_directory)),
      budget_(std::max<std::size_t>(memory_budget, 1 << 16)),
      capacity_(budget_ / kPairBytes) {}

MedianValues::~MedianValues() {
    if (spill_) std::fclose(spill_);
}

std::uint64_t MedianValues::sortable(double value) {
    auto bits = std::bit_cast<std::uint64_t>(value);
    return (bits & 0x8000000000000000ULL) ? ~bits : bits | 0x8000000000000000ULL;
}

double MedianValues::from_sortable(std::uint64_t bits) {
    bits = (bits & 0x8000000000000000ULL) ? bits & ~0x8000000000000000ULL : ~bits;
    return std::bit_cast<double>(bits);
}

void MedianValues::spill() {
    if (spill_ == nullptr) {
        std::string pattern = (directory_ / ".citizen-sdmx-medians.XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) spill_failed(("cannot create it in " + directory_.string()).c_str());
        ::unlink(pattern.c_str());  // nothing to clean up, whatever happens to the process
        spill_ = ::fdopen(fd, "w+b");
        if (spill_ == nullptr) {
            ::close(fd);
            spill_failed("cannot open it");
        }
    }
    // Blocks: their length, their groups, their values (no per-pair packing).
    for (std::size_t at = 0; at < groups_.size(); at += kRecordsPerBlock) {
        const std::size_t n = std::min(kRecordsPerBlock, groups_.size() - at);
        const auto length = static_cast<std::uint32_t>(n);
        if (std::fwrite(&length, sizeof length, 1, spill_) != 1 ||
            std::fwrite(groups_.data() + at, sizeof(std::uint32_t), n, spill_) != n ||
            std::fwrite(values_.data() + at, sizeof(std::uint64_t), n, spill_) != n) {
            spill_failed("cannot write it");
        }
    }
    groups_.clear();
    values_.clear();
}

void MedianValues::select(std::uint32_t first, std::uint32_t last, std::vector<std::uint64_t>& values,
                          const std::function<void(std::uint32_t, double)>& take) const {
    auto begin = values.begin();
    for (std::uint32_t group = first; group < last; ++group) {
        const auto n = static_cast<std::ptrdiff_t>(counts_[group]);
        if (n == 0) continue;
        auto upper = begin + n / 2;
        std::nth_element(begin, upper, begin + n);
        // The lower middle: the largest value before the upper one (the same one when n is odd).
        const std::uint64_t lower = (n % 2 == 0) ? *std::max_element(begin, upper) : *upper;
        take(group, (from_sortable(lower) + from_sortable(*upper)) / 2);
        begin += n;
    }
}

void MedianValues::medians(const std::function<void(std::uint32_t group, double median)>& take) {
    const auto group_count = static_cast<std::uint32_t>(counts_.size());
    if (spill_ == nullptr) {
        // All in memory: place the values group by group (a counting sort), then select.
        std::vector<std::uint64_t> offsets(counts_.size() + 1, 0);
        for (std::size_t g = 0; g < counts_.size(); ++g) offsets[g + 1] = offsets[g] + counts_[g];
        std::vector<std::uint64_t> placed(values_.size());
        for (std::size_t i = 0; i < values_.size(); ++i) placed[offsets[groups_[i]]++] = values_[i];
        std::vector<std::uint32_t>().swap(groups_);
        std::vector<std::uint64_t>().swap(values_);
        select(0, group_count, placed, take);
        return;
    }
    spill();
    std::vector<std::uint32_t>().swap(groups_);
    std::vector<std::uint64_t>().swap(values_);
    // Passes over the file, each for the groups whose values fit the budget together
    // (a single group larger than the budget takes a pass of its own).
    const std::size_t values_per_pass = std::max<std::size_t>(budget_ / sizeof(std::uint64_t), 1);
    std::vector<std::uint32_t> block_groups(kRecordsPerBlock);
    std::vector<std::uint64_t> block_values(kRecordsPerBlock);
    std::uint32_t first = 0;
    while (first < group_count) {
        std::uint32_t last = first;
        std::size_t total = 0;
        while (last < group_count && (last == first || total + counts_[last] <= values_per_pass)) total += counts_[last++];
        std::vector<std::uint64_t> offsets(last - first + 1, 0);
        for (std::uint32_t g = first; g < last; ++g) offsets[g - first + 1] = offsets[g - first] + counts_[g];
        std::vector<std::uint64_t> placed(total);
        std::rewind(spill_);
        for (;;) {
            std::uint32_t length = 0;
            if (std::fread(&length, sizeof length, 1, spill_) != 1) break;
            const std::size_t n = length;
            if (n > kRecordsPerBlock || std::fread(block_groups.data(), sizeof(std::uint32_t), n, spill_) != n ||
                std::fread(block_values.data(), sizeof(std::uint64_t), n, spill_) != n) {
                spill_failed("truncated");
            }
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint32_t g = block_groups[i];
                if (g >= first && g < last) placed[offsets[g - first]++] = block_values[i];
            }
        }
        ++passes_;
        select(first, last, placed, take);
        first = last;
    }
}

}  // namespace csdmx::mapping
