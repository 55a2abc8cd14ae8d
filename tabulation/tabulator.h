// Turns records into statistics: each record goes into its cell (its codes in the
// group-by columns, and its period), and, for totals, into the cells where a
// disaggregation is _T; each cell keeps running sums, so memory follows the number
// of cells, not of records. Codes are interned once into small integers, so finding
// a record's cells is hashing a few integers into an open-addressing table. Medians
// are exact: each value is kept once, with the record's own cell, and a total cell's
// median selected over the cells it totals (median_values.h; memory: its budget,
// 16 MiB; disk beyond it: 12 bytes a value).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "mappings/generated_components.h"
#include "package/table_reader.h"
#include "sdmx/data_writer.h"
#include "sdmx/ids.h"
#include "tabulation/disclosure_control.h"
#include "tabulation/median_values.h"
#include "tabulation/tabulation_spec.h"
#include "tabulation/text_ids.h"

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
    // What one record does to one statistic's numbers in each of its cells, worked
    // out once for all of them. A cell's numbers are a row of doubles (counts too:
    // exact below 2^53): its records first, then each statistic's slots.
    struct Update {
        enum class Kind : std::uint8_t {
            add,      // row[at] += w
            product,  // row[at] += w * x; row[at + 1] += b
            pair,     // row[at] += w; row[at + 1] += b
            min,      // the least x (row[at + 1] counts the values)
            max,      // the greatest x
        } kind = Kind::add;
        std::uint32_t at = 0;
        double w = 0, x = 0, b = 0;
    };
    // Code texts of one key position, interned as small integers.
    struct Interned {
        std::vector<std::string> texts;
        std::unordered_map<std::string, std::uint32_t, CodeTextHash, std::equal_to<>> ids;
        std::uint32_t intern(std::string_view text);
    };
    // Allocates rows on cache-line boundaries, so that a row of up to 8 doubles is
    // one line.
    template <class T>
    struct CacheLineAllocator {
        using value_type = T;
        CacheLineAllocator() = default;
        template <class U>
        CacheLineAllocator(const CacheLineAllocator<U>&) {}
        T* allocate(std::size_t n) { return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64})); }
        void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
        bool operator==(const CacheLineAllocator&) const { return true; }
    };

    bool condition_holds(const Condition& condition, const package::TableRow& row) const;
    void contribute(const package::TableRow& row, double weight);
    // The record in its cell and, for totals, in the cells where some of its codes are _T.
    void count();
    std::size_t cell_for(const std::uint32_t* key);
    // The cells a record of this cell also counts in: itself, then one per
    // combination of totals (in the order of the masks), found once per cell.
    const std::uint32_t* variants_of(std::size_t cell);
    // The same for a record's key, from a table of the keys records had: one probe
    // of one table, the key and its cells side by side.
    const std::uint32_t* record_cells(const std::uint32_t* key);
    // The statistic's value in the cell as text, or false when it has none.
    bool value_of(std::size_t s, const double* row, std::size_t cell, std::string& out) const;
    void compute_medians();
    std::uint32_t group_code(std::size_t g, const package::TableRow& row);
    const std::string& key_text(std::size_t cell, std::size_t position) const {
        return interned_[position].texts[cell_keys_[cell * key_size_ + position]];
    }
    std::vector<std::string> key_texts(std::size_t cell) const;

    const TabulationSpec& spec_;
    const std::vector<package::Field>& fields_;  // spec_.fields
    std::string constant_period_;
    std::vector<char> frequencies_;
    package::BadRowPolicy policy_;
    std::vector<sdmx::CodeAssigner> codes_;                       // per group-by
    std::vector<std::map<std::string, std::string>> area_names_;  // per coordinates group-by: code -> name
    // The cells as they come, by index. Their keys are the observations' without
    // INDICATOR: sorted, a statistic's cells come in series order. Keys as interned
    // ids (key_size_ a cell, FREQ first, the period last), and an open-addressing
    // table of cell index + 1 (0: empty) by their hash.
    std::size_t cell_count_ = 0;
    std::size_t key_size_ = 0;
    std::vector<Interned> interned_;  // per key position
    std::vector<std::uint32_t> cell_keys_;
    std::vector<std::uint32_t> slots_;
    // The cells' numbers, row_width_ doubles a cell.
    std::size_t row_width_ = 1;
    std::vector<std::uint32_t> statistic_at_;  // per statistic: its first slot in the row
    std::vector<double, CacheLineAllocator<double>> rows_;
    RankedCells ranked_;           // after finish: the keys as ranks, the records
    std::vector<char> status_;     // per cell, after finish: CONF_STATUS
    std::vector<double> medians_;  // per cell and median statistic, after finish
    // Per cell: 1 + its place in variant_cells_ once a record has been in it, else 0.
    std::vector<std::uint32_t> variants_at_;
    std::vector<std::uint32_t> variant_cells_;  // variant_count_ cells each
    std::size_t variant_count_ = 1;
    // Keys records had: blocks of the key's ids and its variant cells; an open-addressing
    // table of block + 1 in the low half and the key's hash's high half (to skip most
    // other keys without reading their block) in the high half.
    std::vector<std::uint32_t> record_blocks_;
    std::vector<std::uint64_t> record_slots_;
    std::vector<std::uint32_t> key_;      // the record's
    std::vector<std::uint32_t> variant_;  // the record's key with some codes _T
    // Per group-by from a column: the code id of each cell value seen.
    std::vector<TextIds> value_codes_;
    std::vector<std::vector<std::uint32_t>> unpivot_codes_;  // per unpivot column, per unpivot dimension
    // The record's periods (one per frequency) as ids, with the cell text they came from.
    std::string period_text_;
    std::vector<std::uint32_t> period_ids_;
    std::vector<std::uint32_t> frequency_ids_;  // per frequency, in frequencies_' order
    std::vector<Update> updates_;               // the current record's: the first update_count_
    std::size_t update_count_ = 0;
    std::vector<std::pair<std::uint32_t, double>> median_adds_;  // the current record's: median index, value
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
