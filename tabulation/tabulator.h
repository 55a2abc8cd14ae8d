// Turns records into statistics: each record goes into its cell (its codes in the
// group-by columns, and its period), and, for totals, into the cells where a
// disaggregation is _T; each cell keeps running sums, so memory follows the number
// of cells, not of records. Codes are interned once into small integers, so finding
// a record's cells is hashing a few integers into an open-addressing table. Medians
// are exact: the values are kept per cell and selected (median_values.h; memory: its
// budget, 32 MiB; disk beyond it: 12 bytes a value).
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
#include "tabulation/median_values.h"
#include "mappings/generated_components.h"
#include "tabulation/tabulation_spec.h"
#include "package/table_reader.h"
#include "sdmx/data_writer.h"
#include "sdmx/ids.h"

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

struct CodeTextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
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

    // What one record gives each statistic, worked out once for all its cells.
    struct Contribution {
        enum class Kind : std::uint8_t { none, counted, value, share } kind = Kind::none;
        bool hit = false;  // share: the condition holds
        double value = 0;  // value: the number
    };
    // Code texts of one key position, interned as small integers.
    struct Interned {
        std::vector<std::string> texts;
        std::unordered_map<std::string, std::uint32_t, CodeTextHash, std::equal_to<>> ids;
        std::uint32_t intern(std::string_view text);
    };

    bool condition_holds(const Condition& condition, const package::TableRow& row) const;
    void contribute(const package::TableRow& row);
    // The record in its cell and, for totals, in the cells where some of its codes are _T.
    void count(double weight);
    std::size_t cell_for(const std::uint32_t* key);
    void update(std::size_t cell_index, double weight);
    std::string value_of(const Statistic& statistic, const Accumulator& accumulator) const;
    void compute_medians();
    std::uint32_t group_code(std::size_t g, const package::TableRow& row);

    const TabulationSpec& spec_;
    const std::vector<package::Field>& fields_;  // spec_.fields
    std::string constant_period_;
    std::vector<char> frequencies_;
    package::BadRowPolicy policy_;
    std::vector<sdmx::CodeAssigner> codes_;                       // per group-by
    std::vector<std::map<std::string, std::string>> area_names_;  // per coordinates group-by: code -> name
    // The cells as they come. Their keys are the observations' without INDICATOR:
    // sorted, a statistic's cells come in series order.
    std::vector<Cell> cells_;
    // Cell keys as interned ids (key_size_ a cell, FREQ first, the period last), and
    // an open-addressing table of cell index + 1 (0: empty) by their hash.
    std::size_t key_size_ = 0;
    std::vector<Interned> interned_;  // per key position
    std::vector<std::uint32_t> cell_keys_;
    std::vector<std::uint32_t> slots_;
    std::vector<std::uint32_t> key_;      // the record's
    std::vector<std::uint32_t> variant_;  // the record's key with some codes _T
    // Per group-by from a column: the code id of each cell value seen.
    std::vector<std::unordered_map<std::string, std::uint32_t, CodeTextHash, std::equal_to<>>> value_codes_;
    std::vector<std::vector<std::uint32_t>> unpivot_codes_;  // per unpivot column, per unpivot dimension
    // The record's periods (one per frequency) as ids, with the cell text they came from.
    std::string period_text_;
    std::vector<std::uint32_t> period_ids_;
    std::vector<std::uint32_t> frequency_ids_;  // per frequency, in frequencies_' order
    std::vector<Contribution> contributions_;  // per statistic, the current record's
    package::TableRow unpivoted_;
    std::unique_ptr<MedianValues> median_values_;
    std::vector<int> median_index_;  // per statistic: its place among the medians, or -1
    std::size_t median_count_ = 0;
    bool has_median_ = false;
    std::vector<std::size_t> total_positions_;  // in the cell key
    std::vector<std::uint32_t> total_ids_;      // "_T" at each of them
    TabulationReport report_;
};

// The observations a tabulation yields: FREQ, INDICATOR, one dimension per
// group_by, TIME_PERIOD; OBS_VALUE; UNIT_MEASURE (when a statistic has a unit),
// N_RECORDS, OBS_STATUS, CONF_STATUS. A mapping onto another DSD names these.
sdmx::ObservationLayout tabulation_layout(const TabulationSpec& spec);

}  // namespace csdmx::mapping
