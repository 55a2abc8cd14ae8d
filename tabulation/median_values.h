// Exact medians of many groups of values (a statistic in a cell), in flat memory.
//
// Values are kept as (group, value) pairs up to a memory budget; past it they go to
// an unlinked temporary file. At the end the medians are found by selection
// (std::nth_element) within each group, not by sorting everything: in one pass
// when the values fit the budget, else in passes over the file, each gathering the
// groups whose values fit together. Values order as the old external sort ordered
// them (the IEEE total order of their bits), so the medians are the same.
//
// A median may also be asked of the values of several groups together (a total
// cell's are its parts'): each value is then kept once, not once per total.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/huge_pages.h"

namespace csdmx::mapping {

class MedianValues {
public:
    explicit MedianValues(std::filesystem::path spill_directory, std::size_t memory_budget = std::size_t{64} << 20);
    ~MedianValues();
    MedianValues(const MedianValues&) = delete;
    MedianValues& operator=(const MedianValues&) = delete;

    void add(std::uint32_t group, double value) {
        if (groups_.capacity() == 0) {
            // Address space only: pages are touched as values come, and never copied by growth.
            groups_.reserve(capacity_);
            values_.reserve(capacity_);
        }
        if (group >= counts_.size()) counts_.resize(std::size_t{group} + 1, 0);
        ++counts_[group];
        groups_.push_back(group);
        values_.push_back(sortable(value));
        if (groups_.size() >= capacity_) spill();
    }

    // After the last add: `take(group, median)` for each group with values, in group
    // order; the median of n values is the mean of the ((n-1)/2)th and (n/2)th.
    void medians(const std::function<void(std::uint32_t group, double median)>& take);

    // The same, for medians over unions of groups: output o takes the values of the
    // groups sources.groups[sources.offsets[o] .. sources.offsets[o + 1]) together
    // (a group listed twice counts twice); `take(o, median)` for each output with values.
    struct Sources {
        std::vector<std::size_t> offsets;  // outputs + 1
        std::vector<std::uint32_t> groups;
    };
    void medians(const Sources& sources, const std::function<void(std::uint32_t output, double median)>& take);

    std::size_t passes() const { return passes_; }  // over the spilled values (0: all in memory)

private:
    // The bits of a double as an unsigned number that orders as the doubles do.
    static std::uint64_t sortable(double value);
    static double from_sortable(std::uint64_t bits);
    void spill();
    // The median of values[0, n), which it reorders.
    static double select(std::uint64_t* values, std::size_t n);
    // Medians of the outputs [first, last), whose source groups' values are placed
    // from start[group]; `gathered` is room for the largest output of several groups.
    void select_outputs(const Sources& sources, std::size_t first, std::size_t last, std::uint64_t* placed,
                        const std::vector<std::uint64_t>& start, std::vector<std::uint64_t>& gathered,
                        const std::function<void(std::uint32_t, double)>& take) const;
    std::uint64_t output_size(const Sources& sources, std::size_t output) const;

    std::filesystem::path directory_;
    std::size_t budget_;
    std::size_t capacity_;  // pairs held before a spill
    std::vector<std::uint64_t> counts_;
    LargeVector<std::uint32_t> groups_;  // huge pages: tens of megabytes, touched once
    LargeVector<std::uint64_t> values_;
    std::FILE* spill_ = nullptr;
    std::size_t passes_ = 0;
};

}  // namespace csdmx::mapping
