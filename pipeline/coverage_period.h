// Observations whose period lies outside citizen_data.coverage.period: the data say
// one thing, the metadata another. Not an error (a survey may report last year's
// harvest), but never silent: one warning with the count and examples.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/string_hash.h"
#include "sdmx/data_writer.h"

namespace csdmx::mapping {

class CoveragePeriodCheck {
public:
    // start and end as YYYY-MM-DD; when either is not a date, nothing is checked.
    CoveragePeriodCheck(std::string start, std::string end, const sdmx::ObservationLayout& layout);

    void see(const sdmx::Observation& observation);
    // One warning when any observation fell outside.
    void report(const std::string& file, Diagnostics& diagnostics) const;

    std::uint64_t outside() const { return outside_; }

private:
    std::string start_, end_;
    std::size_t time_index_ = static_cast<std::size_t>(-1);  // none: nothing to check
    std::uint64_t outside_ = 0;
    std::vector<std::string> examples_;
    // Whether a period lies outside, per period seen: a message has few distinct
    // periods and millions of observations (bounded: cleared when it grows large).
    std::unordered_map<std::string, bool, StringHash, StringEqual> outside_by_period_;
};

// The first and last day (YYYY-MM-DD) of an SDMX time period; empty strings when
// the text is not one of the forms the converter writes.
std::pair<std::string, std::string> period_days(const std::string& period);

}  // namespace csdmx::mapping
