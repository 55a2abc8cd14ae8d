// Turns records into statistics: each record goes into its cell (its codes in the
// group-by columns, and its period), and, for totals, into the cells where a
// disaggregation is _T; each cell keeps running sums, so memory follows the number
// of cells, not of records. Medians are exact: the values pass through the external
// sorter (memory: its budget, 64 MiB; disk: about 40 bytes a value).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "tabulation/disclosure_control.h"
#include "mappings/generated_components.h"
#include "tabulation/tabulation_spec.h"
#include "package/table_reader.h"
#include "sdmx/data_writer.h"
#include "sdmx/ids.h"

namespace csdmx::sdmx {
class SeriesSorter;
}

namespace csdmx::mapping {

inline constexpr const char* kRecordsId = "N_RECORDS";
inline constexpr const char* kObsStatusId = "OBS_STATUS";
inline constexpr const char* kConfStatusId = "CONF_STATUS";

struct TabulationReport {
    int min_cell_size = 0;
    bool secondary = true;
    std::uint64_t records = 0;           // records tabulated
    std::uint64_t records_left_out = 0;  // records with no usable period or weight
    std::uint64_t cells = 0;
    DisclosureCounts suppressed;
    std::uint64_t observations = 0;
    std::uint64_t empty_statistics = 0;  // cell x statistic with nothing to compute (no values)
};

class Tabulator {
public:
    // Without a period column, every record is in `constant_period` at `constant_frequency`.
    Tabulator(const TabulationSpec& spec, std::string constant_period, char constant_frequency,
              package::BadRowPolicy policy, const std::filesystem::path& spill_directory);
    ~Tabulator();

    // Adds one record; false when it was left out (reported as the policy says).
    bool add(const package::TableRow& row, Diagnostics& diagnostics);
    // After the last record: exact medians, then disclosure control.
    void finish();
    // The observations, in series order, suppressed cells without a value.
    void emit(const std::function<void(const sdmx::Observation&)>& emit);

    sdmx::ObservationLayout layout() const;  // tabulation_layout(spec)
    GeneratedComponents components() const;
    const TabulationReport& report() const { return report_; }

private:
    struct Accumulator {
        double weight = 0;  // count: sum of weights; sum and mean: sum of weights of values
        double sum = 0;     // sum of weight x value
        double min = 0, max = 0;
        std::uint64_t values = 0;   // values taken (for median positions)
        double hits = 0, base = 0;  // share: weight meeting the condition, weight with it known
        double median = 0;
    };
    struct Cell {
        std::vector<std::string> key;  // FREQ, a code per group-by, the period
        std::uint64_t records = 0;
        std::vector<Accumulator> statistics;
        char status = 'F';
    };

    bool condition_holds(const Condition& condition, const package::TableRow& row) const;
    // The record in its cell and, for totals, in the cells where some of its codes are _T.
    void count(const std::vector<std::string>& key, const package::TableRow& row, double weight);
    void update(std::size_t cell_index, const package::TableRow& row, double weight);
    std::string value_of(const Statistic& statistic, const Accumulator& accumulator) const;
    void compute_medians();

    const TabulationSpec& spec_;
    const std::vector<package::Field>& fields_;  // spec_.fields
    std::string constant_period_;
    std::vector<char> frequencies_;
    package::BadRowPolicy policy_;
    std::vector<sdmx::CodeAssigner> codes_;                       // per group-by
    std::vector<std::map<std::string, std::string>> area_names_;  // per coordinates group-by: code -> name
    // The cells as they come, found by their key joined into one string. Their keys
    // are the observations' without INDICATOR: sorted, a statistic's cells come in
    // series order.
    std::vector<Cell> cells_;
    std::unordered_map<std::string, std::size_t> cell_index_;
    std::string joined_;
    sdmx::Observation median_entry_;
    std::vector<std::pair<char, std::string>> periods_;  // the record's, one per frequency
    std::vector<std::string> key_;
    package::TableRow unpivoted_;
    std::unique_ptr<sdmx::SeriesSorter> median_values_;
    bool has_median_ = false;
    std::vector<std::size_t> total_positions_;  // in the cell key
    TabulationReport report_;
};

// The observations a tabulation yields: FREQ, INDICATOR, one dimension per
// group_by, TIME_PERIOD; OBS_VALUE; UNIT_MEASURE (when a statistic has a unit),
// N_RECORDS, OBS_STATUS, CONF_STATUS. A mapping onto another DSD names these.
sdmx::ObservationLayout tabulation_layout(const TabulationSpec& spec);

}  // namespace csdmx::mapping
