#include "sdmx/data_writer.h"

#include <algorithm>

#include "core/string_hash.h"

namespace csdmx::sdmx {

std::string structure_local_id(const MaintainableRef& structure) {
    std::string version = structure.version;
    std::replace(version.begin(), version.end(), '.', '_');
    return structure.agency + "_" + structure.id + "_" + version;
}

bool SeriesTracker::starts_series(const Observation& observation) {
    if (observation.series != 0) {
        // The producer numbered the series: no texts to compare (every writer asks, per observation).
        const bool starts = !started_ || observation.series != current_series_;
        current_series_ = observation.series;
        current_.clear();
        started_ = true;
        return starts;
    }
    current_series_ = 0;
    const std::size_t series_length = observation.key.empty() ? 0 : observation.key.size() - 1;
    bool same = started_ && current_.size() == series_length &&
                std::equal(current_.begin(), current_.end(), observation.key.begin(),
                           [](const std::string& a, const std::string& b) { return same_text(a, b); });
    if (same) return false;
    current_.assign(observation.key.begin(), observation.key.begin() + static_cast<std::ptrdiff_t>(series_length));
    started_ = true;
    return true;
}

}  // namespace csdmx::sdmx
