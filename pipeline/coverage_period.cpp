#include "pipeline/coverage_period.h"

#include <algorithm>
#include <cstdio>

#include "sdmx/time_period.h"

namespace csdmx::mapping {

namespace {

bool is_date(const std::string& text) {
    int year = 0, month = 0, day = 0;
    return text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3 &&
           sdmx::is_valid_date(year, month, day);
}

std::string day_text(int year, int month, int day) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

int days_in_month(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && sdmx::is_leap_year(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::pair<std::string, std::string> period_days(const std::string& text) {
    auto period = sdmx::parse_time_period(text);
    if (!period) return {};
    const std::string& value = period->value;
    const int year = std::stoi(value.substr(0, 4));
    switch (period->frequency) {
        case 'A':
            return {day_text(year, 1, 1), day_text(year, 12, 31)};
        case 'S': {
            const int half = value[6] - '0';
            return half == 1 ? std::pair{day_text(year, 1, 1), day_text(year, 6, 30)}
                             : std::pair{day_text(year, 7, 1), day_text(year, 12, 31)};
        }
        case 'Q': {
            const int quarter = value[6] - '0';
            const int first = 3 * quarter - 2, last = 3 * quarter;
            return {day_text(year, first, 1), day_text(year, last, days_in_month(year, last))};
        }
        case 'M': {
            const int month = std::stoi(value.substr(5, 2));
            return {day_text(year, month, 1), day_text(year, month, days_in_month(year, month))};
        }
        case 'W':  // an ISO week may begin in December of the year before or end in January after
            return {day_text(year - 1, 12, 29), day_text(year + 1, 1, 3)};
        case 'D':
            return {value, value};
        default:
            return {};
    }
}

CoveragePeriodCheck::CoveragePeriodCheck(std::string start, std::string end, const sdmx::ObservationLayout& layout)
    : start_(std::move(start)), end_(std::move(end)) {
    if (!is_date(start_) || !is_date(end_)) return;
    for (std::size_t i = 0; i < layout.key_ids.size(); ++i) {
        if (layout.key_ids[i] == "TIME_PERIOD") time_index_ = i;
    }
}

void CoveragePeriodCheck::see(const sdmx::Observation& observation) {
    if (time_index_ >= observation.key.size()) return;
    const std::string& period = observation.key[time_index_];
    bool outside = false;
    if (auto known = outside_periods_.find(period); known != outside_periods_.end()) {
        outside = known->second;
    } else {
        const auto [first, last] = period_days(period);
        outside = !first.empty() && !(last >= start_ && first <= end_);
        if (outside_periods_.size() < (std::size_t{1} << 16)) outside_periods_.emplace(period, outside);
    }
    if (!outside) return;
    ++outside_;
    if (examples_.size() < 3 && std::find(examples_.begin(), examples_.end(), period) == examples_.end()) {
        examples_.push_back(period);
    }
}

void CoveragePeriodCheck::report(const std::string& file, Diagnostics& diagnostics) const {
    if (outside_ == 0) return;
    std::string examples;
    for (const auto& example : examples_) examples += (examples.empty() ? "" : ", ") + example;
    diagnostics.warning(file, "citizen_data.coverage.period",
                        std::to_string(outside_) + " observation(s) have a period outside the coverage period " +
                            start_ + " to " + end_ + " (e.g. " + examples +
                            "): correct coverage.period, or the period column",
                        "coverage");
}

}  // namespace csdmx::mapping
