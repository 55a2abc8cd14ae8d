#include "tabulation/median_values.h"

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/anonymous_file.h"
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
        const int fd = open_anonymous_file(directory_, "medians");
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

double MedianValues::select(std::uint64_t* values, std::size_t n) {
    std::uint64_t* upper = values + n / 2;
    std::nth_element(values, upper, values + n);
    // The lower middle: the largest value before the upper one (the same one when n is odd).
    const std::uint64_t lower = (n % 2 == 0) ? *std::max_element(values, upper) : *upper;
    return (from_sortable(lower) + from_sortable(*upper)) / 2;
}

std::uint64_t MedianValues::output_size(const Sources& sources, std::size_t output) const {
    std::uint64_t n = 0;
    for (std::size_t i = sources.offsets[output]; i < sources.offsets[output + 1]; ++i) n += counts_[sources.groups[i]];
    return n;
}

void MedianValues::select_outputs(const Sources& sources, std::size_t first, std::size_t last, std::uint64_t* placed,
                                  const std::vector<std::uint64_t>& start, std::vector<std::uint64_t>& gathered,
                                  const std::function<void(std::uint32_t, double)>& take) const {
    for (std::size_t output = first; output < last; ++output) {
        const std::size_t begin = sources.offsets[output], end = sources.offsets[output + 1];
        if (begin == end) continue;
        if (end - begin == 1) {
            // One group: selected where it lies (reordering it leaves its values for other outputs).
            const std::uint32_t group = sources.groups[begin];
            if (counts_[group] != 0)
                take(static_cast<std::uint32_t>(output), select(placed + start[group], counts_[group]));
            continue;
        }
        const std::uint64_t n = output_size(sources, output);
        if (n == 0) continue;
        if (gathered.size() < n) gathered.resize(n);
        std::uint64_t* to = gathered.data();
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint32_t group = sources.groups[i];
            to = std::copy_n(placed + start[group], counts_[group], to);
        }
        take(static_cast<std::uint32_t>(output), select(gathered.data(), n));
    }
}

void MedianValues::medians(const std::function<void(std::uint32_t group, double median)>& take) {
    Sources sources;  // each group on its own
    sources.offsets.resize(counts_.size() + 1);
    sources.groups.resize(counts_.size());
    for (std::size_t g = 0; g < counts_.size(); ++g) {
        sources.offsets[g + 1] = g + 1;
        sources.groups[g] = static_cast<std::uint32_t>(g);
    }
    medians(sources, take);
}

void MedianValues::medians(const Sources& sources, const std::function<void(std::uint32_t, double)>& take) {
    if (sources.offsets.size() < 2) return;
    const std::size_t outputs = sources.offsets.size() - 1;
    // Groups named with no value added have a count of 0.
    const std::uint32_t most =
        sources.groups.empty() ? 0 : *std::max_element(sources.groups.begin(), sources.groups.end());
    if (!sources.groups.empty() && most >= counts_.size()) counts_.resize(std::size_t{most} + 1, 0);
    const std::size_t group_count = counts_.size();
    std::vector<std::uint64_t> start(group_count + 1, 0);
    std::vector<std::uint64_t> gathered;
    if (spill_ == nullptr) {
        // All in memory: place the values group by group (a counting sort), then select.
        for (std::size_t g = 0; g < group_count; ++g) start[g + 1] = start[g] + counts_[g];
        LargeVector<std::uint64_t> placed(values_.size());
        std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < values_.size(); ++i) placed[next[groups_[i]]++] = values_[i];
        decltype(groups_)().swap(groups_);
        decltype(values_)().swap(values_);
        std::vector<std::uint64_t>().swap(next);
        select_outputs(sources, 0, outputs, placed.data(), start, gathered, take);
        return;
    }
    spill();
    decltype(groups_)().swap(groups_);
    decltype(values_)().swap(values_);
    // Passes over the file, each for the outputs whose values fit the budget together:
    // the values of their groups, and room to gather the largest of several groups
    // (a single output larger than the budget takes a pass of its own).
    const std::size_t values_per_pass = std::max<std::size_t>(budget_ / sizeof(std::uint64_t), 1);
    std::vector<std::uint32_t> block_groups(kRecordsPerBlock);
    std::vector<std::uint64_t> block_values(kRecordsPerBlock);
    std::vector<std::uint32_t> in_pass(group_count, 0);  // the pass (from 1) a group's values are placed in
    std::vector<std::uint32_t> needed;                   // this pass's groups
    std::vector<std::uint64_t> next(group_count, 0);
    std::uint32_t pass = 0;
    for (std::size_t first = 0; first < outputs;) {
        ++pass;
        needed.clear();
        std::uint64_t total = 0, largest = 0;
        std::size_t last = first;
        for (; last < outputs; ++last) {
            const std::size_t marked = needed.size();
            std::uint64_t added = 0;
            for (std::size_t i = sources.offsets[last]; i < sources.offsets[last + 1]; ++i) {
                const std::uint32_t group = sources.groups[i];
                if (in_pass[group] == pass) continue;
                in_pass[group] = pass;
                needed.push_back(group);
                added += counts_[group];
            }
            const std::uint64_t gather =
                sources.offsets[last + 1] - sources.offsets[last] > 1 ? output_size(sources, last) : 0;
            if (last > first && total + added + std::max(largest, gather) > values_per_pass) {
                for (std::size_t i = marked; i < needed.size(); ++i) in_pass[needed[i]] = 0;
                needed.resize(marked);
                break;
            }
            total += added;
            largest = std::max(largest, gather);
        }
        std::uint64_t at = 0;
        for (const std::uint32_t group : needed) {
            start[group] = next[group] = at;
            at += counts_[group];
        }
        auto placed = std::make_unique_for_overwrite<std::uint64_t[]>(total);
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
                if (in_pass[g] == pass) placed[next[g]++] = block_values[i];
            }
        }
        ++passes_;
        select_outputs(sources, first, last, placed.get(), start, gathered, take);
        first = last;
    }
}

}  // namespace csdmx::mapping
