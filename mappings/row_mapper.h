// Turns table rows into SDMX observations following a TablePlan: one observation
// per measure column per row (the table goes from wide to long), with codes
// assigned to dimension values as they appear. Rows come from package::TableReader,
// already read as their types.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "mappings/generated_components.h"
#include "mappings/table_plan.h"
#include "package/table_reader.h"
#include "sdmx/data_writer.h"
#include "sdmx/ids.h"

namespace csdmx::mapping {

struct MappingStatistics {
    std::uint64_t rows = 0;          // rows received
    std::uint64_t observations = 0;  // written, identical duplicates left out
    std::uint64_t duplicates_left_out = 0;
    std::uint64_t missing_values = 0;  // measure cells that were missing, so no observation
    std::uint64_t rows_skipped = 0;    // rows left out by the bad-row policy here or in the reader
};

class RowMapper {
public:
    RowMapper(const TablePlan& plan, package::BadRowPolicy policy);

    // Receives each observation with the position of the row it came from
    // (TableRow::position()).
    using Emit = std::function<void(const sdmx::Observation&, std::uint64_t position)>;
    // Maps one row. Returns false (and reports why) when the row gives no observation
    // because its key is incomplete.
    bool map(const package::TableRow& row, Diagnostics& diagnostics, const Emit& emit);

    const sdmx::ObservationLayout& layout() const { return layout_; }
    const MappingStatistics& statistics() const { return statistics_; }
    void count_skipped(std::uint64_t rows) { statistics_.rows_skipped += rows; }

    // The components, with the codes seen, for the structures after the data pass.
    GeneratedComponents components() const;

private:
    const TablePlan& plan_;
    package::BadRowPolicy policy_;
    std::vector<const PlannedColumn*> dimensions_, measures_, attributes_;
    const PlannedColumn* time_ = nullptr;
    std::vector<sdmx::CodeAssigner> dimension_codes_;
    std::set<char> frequencies_;
    sdmx::ObservationLayout layout_;
    sdmx::Observation observation_;
    MappingStatistics statistics_;
    // What observation_ holds already, so that a row repeating the last one's values
    // neither looks up codes nor reads the period again.
    std::vector<std::string> last_values_;  // per dimension, the value whose code is in observation_
    std::vector<bool> coded_;               // per dimension, whether last_values_ is set
    std::string last_time_text_;            // the time cell whose period is in observation_
    char last_time_frequency_ = 0;
    bool have_last_time_ = false;
};

}  // namespace csdmx::mapping
