#include "tabulation/tabulator.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "package/cell_values.h"
#include "package/date_parsing.h"
#include "sdmx/time_period.h"

namespace csdmx::mapping {

namespace {

constexpr const char* kOutsideAreasCode = "_O";

// The number of a normalised cell of a number or integer column. Plain decimals
// (nearly all of them) go to std::from_chars, correctly rounded as strtod is but
// without its locale and multi-precision set-up; anything else (INF, NaN, a sign
// or exponent from_chars reads otherwise) to strtod.
double number_of(const std::string& text) {
    const char* first = text.data();
    const char* last = first + text.size();
    const char* digits = first != last && *first == '-' ? first + 1 : first;
    if (digits != last && *digits >= '0' && *digits <= '9') {
        double value = 0;
        const auto [end, error] = std::from_chars(first, last, value);
        if (error == std::errc() && end == last) return value;
    }
    return std::strtod(text.c_str(), nullptr);
}

// Shortest round-trip form, or fixed with `decimals`; a zero never negative.
void format_number(double value, const std::optional<int>& decimals, std::string& out) {
    char text[64];
    std::to_chars_result result;
    if (decimals) {
        result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, *decimals);
    } else {
        result = std::to_chars(text, text + sizeof text, value);
    }
    const char* begin = text;
    if (text[0] == '-' && std::all_of(text + 1, result.ptr, [](char c) { return c == '0' || c == '.'; }) &&
        result.ptr - text >= 2 && text[1] == '0') {
        ++begin;  // "-0", "-0.00"
    }
    out.assign(begin, static_cast<std::size_t>(result.ptr - begin));
}

}  // namespace

Tabulator::Tabulator(const TabulationSpec& spec, std::string constant_period, char constant_frequency,
                     package::BadRowPolicy policy, const std::filesystem::path& spill_directory)
    : spec_(spec),
      fields_(spec.fields),
      constant_period_(std::move(constant_period)),
      frequencies_(spec.period_field ? spec.frequencies : std::vector<char>{constant_frequency}),
      policy_(policy),
      codes_(spec.group_by.size(), sdmx::CodeAssigner(spec.code_id_case)),
      area_names_(spec.group_by.size()),
      key_size_(spec.group_by.size() + 2),
      interned_(key_size_),
      key_(key_size_),
      variant_(key_size_),
      value_codes_(spec.group_by.size()) {
    for (std::size_t g = 0; g < spec.group_by.size(); ++g) {
        if (spec.group_by[g].from_unpivot) continue;
        for (const auto& [value, code] : spec.group_by[g].codes) codes_[g].preset(value, code);
        // Values already in code form keep their code: the computed ones stay apart.
        codes_[g].reserve(spec.group_by[g].missing_code);
        if (spec.group_by[g].totals) codes_[g].reserve(kTotalCode);
        if (spec.group_by[g].totals) total_positions_.push_back(g + 1);
    }
    for (std::size_t position : total_positions_) total_ids_.push_back(interned_[position].intern(kTotalCode));
    for (char frequency : frequencies_) frequency_ids_.push_back(interned_[0].intern(std::string_view(&frequency, 1)));
    if (spec.unpivot) {
        for (const auto& column : spec.unpivot->columns) {
            std::vector<std::uint32_t> ids;
            for (std::size_t d = 0; d < spec.unpivot->dimensions.size(); ++d) {
                ids.push_back(interned_[spec.unpivot->dimensions[d] + 1].intern(column.codes[d]));
            }
            unpivot_codes_.push_back(std::move(ids));
        }
    }
    for (const auto& statistic : spec.statistics) {
        const bool median = statistic.function == Function::median;
        median_index_.push_back(median ? static_cast<int>(median_count_++) : -1);
        has_median_ = has_median_ || median;
    }
    // 16 MiB: 10^6 records' values fit (12 bytes each), and 10^7 records peak below 10^5
    // (32 MiB had grown the process by a quarter there; docs/tabulation.md).
    if (has_median_) median_values_ = std::make_unique<MedianValues>(spill_directory, std::size_t{16} << 20);
    // A cell's row: its records, then per statistic a slot or two (see contribute).
    std::size_t width = 1;
    for (const auto& statistic : spec.statistics) {
        statistic_at_.push_back(static_cast<std::uint32_t>(width));
        width += statistic.function == Function::count || statistic.function == Function::median ? 1 : 2;
    }
    // Rows within cache lines: 1, 2, 4, or a multiple of 8 doubles.
    row_width_ = width <= 2 ? width : width <= 4 ? 4 : (width + 7) / 8 * 8;
    variant_count_ = std::size_t{1} << total_positions_.size();
    updates_.resize(spec.statistics.size());
    slots_.assign(1024, 0);
    record_slots_.assign(1024, 0);
    report_.min_cell_size = spec.min_cell_size;
    report_.secondary = spec.secondary_suppression;
}

std::uint32_t Tabulator::Interned::intern(std::string_view text) {
    if (auto found = ids.find(text); found != ids.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(texts.size());
    texts.emplace_back(text);
    ids.emplace(texts.back(), id);
    return id;
}

Tabulator::~Tabulator() = default;

bool Tabulator::condition_holds(const Condition& condition, const package::TableRow& row) const {
    const auto& cell = row.cells[condition.field];
    const bool numeric = fields_[condition.field].type == "number" || fields_[condition.field].type == "integer";
    auto same = [&](const std::string& value) {
        return numeric ? number_of(cell.value) == number_of(value) : cell.value == value;
    };
    switch (condition.test) {
        case Condition::Test::equals:
            return same(condition.values[0]);
        case Condition::Test::not_equals:
            return !same(condition.values[0]);
        case Condition::Test::in:
            return std::any_of(condition.values.begin(), condition.values.end(), same);
        case Condition::Test::gt:
            return number_of(cell.value) > condition.number;
        case Condition::Test::gte:
            return number_of(cell.value) >= condition.number;
        case Condition::Test::lt:
            return number_of(cell.value) < condition.number;
        case Condition::Test::lte:
            return number_of(cell.value) <= condition.number;
    }
    return false;
}

bool Tabulator::add(const package::TableRow& row, Diagnostics& diagnostics) {
    const bool as_error = policy_ != package::BadRowPolicy::skip;
    auto leave_out = [&](const package::TableCell& cell, const std::string& message) {
        diagnostics.problem_at(as_error, std::string(row.file), cell.line, cell.column,
                               message + (as_error ? "" : " (record left out)"), "tabulation");
        ++report_.records_left_out;
        return false;
    };

    // The cell's key: FREQ (set per frequency), a code per group-by, the period.
    for (std::size_t g = 0; g < spec_.group_by.size(); ++g) {
        if (spec_.group_by[g].from_unpivot) continue;  // set per column below
        key_[g + 1] = group_code(g, row);
    }
    if (spec_.period_field) {
        const auto& field = fields_[*spec_.period_field];
        const auto& cell = row.cells[*spec_.period_field];
        if (cell.missing) return leave_out(cell, "column \"" + field.name + "\": the record has no period");
        // Records mostly come in time order: the same period text as the last record's
        // gives the same periods.
        if (period_ids_.empty() || cell.value != period_text_) {
            period_ids_.clear();
            if (field.type == "date" || field.type == "datetime") {
                auto day = package::parse_iso_date(std::string_view(cell.value).substr(0, 10));
                for (char frequency : frequencies_) {
                    period_ids_.push_back(interned_[key_size_ - 1].intern(
                        sdmx::period_of_day(day->year, day->month, day->day, frequency)));
                }
            } else {
                auto period = sdmx::parse_time_period_lenient(cell.value);
                if (!period || period->frequency != frequencies_.front()) {
                    return leave_out(cell, "column \"" + field.name + "\": expected a period of frequency " +
                                               std::string(1, frequencies_.front()) + "; found \"" + cell.value + "\"");
                }
                period_ids_.push_back(interned_[key_size_ - 1].intern(period->value));
            }
            period_text_ = cell.value;
        }
    } else if (period_ids_.empty()) {
        period_ids_.push_back(interned_[key_size_ - 1].intern(constant_period_));
    }
    double weight = 1;
    if (spec_.weight_field) {
        const auto& cell = row.cells[*spec_.weight_field];
        weight = cell.missing ? -1 : number_of(cell.value);
        if (!(weight >= 0)) {
            return leave_out(cell,
                             "column \"" + fields_[*spec_.weight_field].name + "\": the weight is missing or negative");
        }
    }
    ++report_.records;

    if (!spec_.unpivot) {
        contribute(row, weight);
        count();
        return true;
    }
    // One record per unpivoted column with a value, the value in the virtual column.
    const auto& unpivot = *spec_.unpivot;
    unpivoted_.cells.assign(row.cells.begin(), row.cells.end());
    unpivoted_.cells.resize(fields_.size());
    for (std::size_t c = 0; c < unpivot.columns.size(); ++c) {
        const auto& value = row.cells[unpivot.columns[c].field];
        if (value.missing) continue;
        unpivoted_.cells[unpivot.value_field] = value;
        for (std::size_t d = 0; d < unpivot.dimensions.size(); ++d)
            key_[unpivot.dimensions[d] + 1] = unpivot_codes_[c][d];
        contribute(unpivoted_, weight);
        count();
    }
    return true;
}

std::uint32_t Tabulator::group_code(std::size_t g, const package::TableRow& row) {
    const auto& group = spec_.group_by[g];
    auto& codes = interned_[g + 1];
    if (group.field) {
        const auto& cell = row.cells[*group.field];
        if (cell.missing) return codes.intern(group.missing_code);
        auto& seen = value_codes_[g];
        if (const std::uint32_t found = seen.find(cell.value); found != TextIds::kNone) return found;
        const auto id = codes.intern(codes_[g].code_for(cell.value));
        seen.add(cell.value, id);
        return id;
    }
    const auto& latitude = row.cells[group.coordinates->first];
    const auto& longitude = row.cells[group.coordinates->second];
    if (latitude.missing || longitude.missing) return codes.intern(group.missing_code);
    if (const auto* area = group.areas->find(number_of(latitude.value), number_of(longitude.value))) {
        area_names_[g].emplace(area->code, area->name);
        return codes.intern(area->code);
    }
    return codes.intern(kOutsideAreasCode);
}

// What the record does to each statistic's slots does not depend on the cell: work
// it out once. The slots: count: the weight; sum: the weighted sum and the values;
// mean: the weighted sum and the weight; median: the values (the values themselves
// go to median_values_); min, max: the least or greatest and the values; share,
// percentage: the weight meeting the condition and the weight with it known.
void Tabulator::contribute(const package::TableRow& row, double weight) {
    update_count_ = 0;
    median_adds_.clear();
    for (std::size_t s = 0; s < spec_.statistics.size(); ++s) {
        const auto& statistic = spec_.statistics[s];
        const std::uint32_t at = statistic_at_[s];
        const double w = statistic.weighted ? weight : 1.0;
        if (statistic.function == Function::share || statistic.function == Function::percentage) {
            const auto& condition = *statistic.where;
            if (row.cells[condition.field].missing) continue;  // unknown: not in the base
            if (condition_holds(condition, row)) {
                updates_[update_count_++] = {Update::Kind::pair, at, w, 0, w};
            } else {
                updates_[update_count_++] = {Update::Kind::add, at + 1, w, 0, 0};
            }
            continue;
        }
        if (statistic.where && (row.cells[statistic.where->field].missing || !condition_holds(*statistic.where, row))) {
            continue;
        }
        if (statistic.function == Function::count) {
            updates_[update_count_++] = {Update::Kind::add, at, w, 0, 0};
            continue;
        }
        const auto& cell_value = row.cells[*statistic.field];
        if (cell_value.missing) continue;
        const double x = number_of(cell_value.value);
        switch (statistic.function) {
            case Function::sum:
                updates_[update_count_++] = {Update::Kind::product, at, w, x, 1};
                break;
            case Function::mean:
                updates_[update_count_++] = {Update::Kind::product, at, w, x, w};
                break;
            case Function::median:
                updates_[update_count_++] = {Update::Kind::add, at, 1, 0, 0};
                median_adds_.emplace_back(static_cast<std::uint32_t>(median_index_[s]), x);
                break;
            case Function::min:
                updates_[update_count_++] = {Update::Kind::min, at, 0, x, 0};
                break;
            case Function::max:
                updates_[update_count_++] = {Update::Kind::max, at, 0, x, 0};
                break;
            default:
                break;
        }
    }
}

namespace {

std::uint64_t hash_key(const std::uint32_t* key, std::size_t size) {
    std::uint64_t hash = 0x9E3779B97F4A7C15ULL;
    for (std::size_t i = 0; i < size; ++i) {
        hash = (hash ^ key[i]) * 0xFF51AFD7ED558CCDULL;
        hash ^= hash >> 32;
    }
    return hash;
}

}  // namespace

std::size_t Tabulator::cell_for(const std::uint32_t* key) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash_key(key, key_size_) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t entry = slots_[slot];
        if (entry == 0) break;
        // A few small integers: a plain loop beats a call to memcmp.
        const std::uint32_t* stored = cell_keys_.data() + std::size_t{entry - 1} * key_size_;
        std::size_t p = 0;
        while (p < key_size_ && stored[p] == key[p]) ++p;
        if (p == key_size_) return entry - 1;
    }
    // A new cell: its key's ids, a row of zeros.
    const std::size_t index = cell_count_;
    if (index >= std::numeric_limits<std::uint32_t>::max() - 1) throw std::length_error("too many tabulated cells");
    ++cell_count_;
    cell_keys_.insert(cell_keys_.end(), key, key + key_size_);
    rows_.resize(cell_count_ * row_width_, 0.0);
    variants_at_.push_back(0);
    if (cell_count_ * 2 > slots_.size()) {
        // Keep the table at most half full: rehash into twice the slots.
        slots_.assign(slots_.size() * 2, 0);
        mask = slots_.size() - 1;
        for (std::size_t c = 0; c < cell_count_; ++c) {
            std::size_t slot = hash_key(cell_keys_.data() + c * key_size_, key_size_) & mask;
            while (slots_[slot] != 0) slot = (slot + 1) & mask;
            slots_[slot] = static_cast<std::uint32_t>(c + 1);
        }
    } else {
        std::size_t slot = hash_key(key, key_size_) & mask;
        while (slots_[slot] != 0) slot = (slot + 1) & mask;
        slots_[slot] = static_cast<std::uint32_t>(index + 1);
    }
    return index;
}

const std::uint32_t* Tabulator::variants_of(std::size_t cell) {
    if (variants_at_[cell] != 0) return variant_cells_.data() + std::size_t{variants_at_[cell] - 1} * variant_count_;
    // The cell's first record: its variants, created (when new) in the order of the masks.
    std::vector<std::uint32_t> found(variant_count_);
    found[0] = static_cast<std::uint32_t>(cell);
    const std::uint32_t* key = cell_keys_.data() + cell * key_size_;
    const std::vector<std::uint32_t> own(key, key + key_size_);  // cell_for may move cell_keys_
    variant_ = own;
    for (std::size_t mask = 1; mask < variant_count_; ++mask) {
        for (std::size_t t = 0; t < total_positions_.size(); ++t) {
            const std::size_t position = total_positions_[t];
            variant_[position] = (mask & (std::size_t{1} << t)) ? total_ids_[t] : own[position];
        }
        found[mask] = static_cast<std::uint32_t>(cell_for(variant_.data()));
    }
    const std::size_t at = variant_cells_.size();
    variant_cells_.insert(variant_cells_.end(), found.begin(), found.end());
    variants_at_[cell] = static_cast<std::uint32_t>(at / variant_count_ + 1);
    return variant_cells_.data() + at;
}

const std::uint32_t* Tabulator::record_cells(const std::uint32_t* key) {
    const std::size_t stride = key_size_ + variant_count_;
    const std::uint64_t hash = hash_key(key, key_size_);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    std::size_t mask = record_slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const std::uint64_t entry = record_slots_[slot];
        if (entry == 0) break;
        if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
        const std::uint32_t* block =
            record_blocks_.data() + std::size_t{static_cast<std::uint32_t>(entry) - 1} * stride;
        std::size_t p = 0;
        while (p < key_size_ && block[p] == key[p]) ++p;
        if (p == key_size_) return block + key_size_;
    }
    // The first record of this key.
    const std::uint32_t* variants = variants_of(cell_for(key));
    const std::size_t block = record_blocks_.size() / stride;
    record_blocks_.insert(record_blocks_.end(), key, key + key_size_);
    record_blocks_.insert(record_blocks_.end(), variants, variants + variant_count_);
    auto place = [&](std::size_t b, std::uint64_t h) {
        std::size_t slot = h & mask;
        while (record_slots_[slot] != 0) slot = (slot + 1) & mask;
        record_slots_[slot] = (h >> 32 << 32) | (b + 1);
    };
    if ((block + 1) * 2 > record_slots_.size()) {
        // At most half full: rehash into twice the slots.
        record_slots_.assign(record_slots_.size() * 2, 0);
        mask = record_slots_.size() - 1;
        for (std::size_t b = 0; b <= block; ++b) place(b, hash_key(record_blocks_.data() + b * stride, key_size_));
    } else {
        place(block, hash);
    }
    return record_blocks_.data() + block * stride + key_size_;
}

void Tabulator::count() {
    for (std::size_t f = 0; f < period_ids_.size(); ++f) {
        key_[0] = frequency_ids_[f];
        key_[key_size_ - 1] = period_ids_[f];
        const std::uint32_t* cells = record_cells(key_.data());
        for (std::size_t v = 0; v < variant_count_; ++v) {
            const std::size_t cell = cells[v];
            double* row = rows_.data() + cell * row_width_;
            row[0] += 1;
            for (std::size_t u = 0; u < update_count_; ++u) {
                const Update& update = updates_[u];
                double* slot = row + update.at;
                switch (update.kind) {
                    case Update::Kind::add:
                        slot[0] += update.w;
                        break;
                    case Update::Kind::product:
                        slot[0] += update.w * update.x;
                        slot[1] += update.b;
                        break;
                    case Update::Kind::pair:
                        slot[0] += update.w;
                        slot[1] += update.b;
                        break;
                    case Update::Kind::min:
                        if (slot[1] == 0) slot[0] = update.x;
                        slot[0] = std::min(slot[0], update.x);
                        slot[1] += 1;
                        break;
                    case Update::Kind::max:
                        if (slot[1] == 0) slot[0] = update.x;
                        slot[0] = std::max(slot[0], update.x);
                        slot[1] += 1;
                        break;
                }
            }
        }
        // The values for medians go with the record's own cell only: a total cell's
        // median is taken over the values of the cells it totals (compute_medians).
        for (const auto& [m, x] : median_adds_) {
            const std::size_t group = std::size_t{cells[0]} * median_count_ + m;
            if (group > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("too many median cells");
            median_values_->add(static_cast<std::uint32_t>(group), x);
        }
    }
}

void Tabulator::compute_medians() {
    if (!has_median_) return;
    // Each cell's median over the values of the records' own cells that count in it:
    // itself when records were in it, and the cells it is a total of.
    std::vector<std::uint32_t> parts(cell_count_, 0);
    for (const std::uint32_t cell : variant_cells_) ++parts[cell];
    MedianValues::Sources sources;
    sources.offsets.resize(cell_count_ * median_count_ + 1, 0);
    for (std::size_t c = 0; c < cell_count_; ++c) {
        for (std::size_t m = 0; m < median_count_; ++m) {
            const std::size_t output = c * median_count_ + m;
            sources.offsets[output + 1] = sources.offsets[output] + parts[c];
        }
    }
    sources.groups.resize(sources.offsets.back());
    std::vector<std::size_t> next(sources.offsets.begin(), sources.offsets.end() - 1);
    for (std::size_t at = 0; at < variant_cells_.size(); at += variant_count_) {
        const std::size_t own = variant_cells_[at];
        for (std::size_t v = 0; v < variant_count_; ++v) {
            const std::size_t cell = variant_cells_[at + v];
            for (std::size_t m = 0; m < median_count_; ++m) {
                sources.groups[next[cell * median_count_ + m]++] = static_cast<std::uint32_t>(own * median_count_ + m);
            }
        }
    }
    medians_.assign(cell_count_ * median_count_, 0.0);
    median_values_->medians(sources, [&](std::uint32_t output, double median) { medians_[output] = median; });
}

std::vector<std::string> Tabulator::key_texts(std::size_t cell) const {
    std::vector<std::string> key;
    key.reserve(key_size_);
    for (std::size_t p = 0; p < key_size_; ++p) key.push_back(key_text(cell, p));
    return key;
}

void Tabulator::finish() {
    compute_medians();
    // Keys as ranks: each position's ids ranked by their texts, so that cells compare
    // as their texts do (series order, disclosure control's lines).
    ranked_.key_size = key_size_;
    ranked_.total_ranks.assign(key_size_, RankedCells::kNoRank);
    std::vector<std::vector<std::uint32_t>> ranks(key_size_);
    for (std::size_t p = 0; p < key_size_; ++p) {
        const auto& texts = interned_[p].texts;
        std::vector<std::uint32_t> ids(texts.size());
        for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::uint32_t>(i);
        std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) { return texts[a] < texts[b]; });
        ranks[p].resize(ids.size());
        for (std::size_t r = 0; r < ids.size(); ++r) ranks[p][ids[r]] = static_cast<std::uint32_t>(r);
    }
    for (std::size_t t = 0; t < total_positions_.size(); ++t) {
        ranked_.total_ranks[total_positions_[t]] = ranks[total_positions_[t]][total_ids_[t]];
    }
    ranked_.ranks.resize(cell_count_ * key_size_);
    for (std::size_t i = 0; i < ranked_.ranks.size(); ++i) ranked_.ranks[i] = ranks[i % key_size_][cell_keys_[i]];
    ranked_.records.resize(cell_count_);
    for (std::size_t c = 0; c < cell_count_; ++c)
        ranked_.records[c] = static_cast<std::uint64_t>(rows_[c * row_width_]);
    report_.suppressed =
        apply_disclosure_control(ranked_, status_, spec_.min_cell_size, total_positions_, spec_.secondary_suppression,
                                 [&](std::size_t cell) { return key_texts(cell); });
    report_.cells = cell_count_;
}

bool Tabulator::value_of(std::size_t s, const double* row, std::size_t cell, std::string& out) const {
    const auto& statistic = spec_.statistics[s];
    const double* slot = row + statistic_at_[s];
    double value = 0;
    switch (statistic.function) {
        case Function::count:
            value = slot[0];
            break;
        case Function::sum:
        case Function::min:
        case Function::max:
            if (slot[1] == 0) return false;  // no values
            value = slot[0];
            break;
        case Function::mean:
            // No weight: no values, or only weights of 0.
            if (slot[1] == 0) return false;
            value = slot[0] / slot[1];
            break;
        case Function::median:
            if (slot[0] == 0) return false;
            value = medians_[cell * median_count_ + static_cast<std::size_t>(median_index_[s])];
            break;
        case Function::share:
        case Function::percentage:
            if (slot[1] == 0) return false;
            value = slot[0] / slot[1] * (statistic.function == Function::percentage ? 100.0 : 1.0);
            break;
    }
    format_number(value, statistic.decimals, out);
    return true;
}

void Tabulator::emit(const std::function<void(const sdmx::Observation&)>& emit) {
    const bool units = std::any_of(spec_.statistics.begin(), spec_.statistics.end(),
                                   [](const Statistic& s) { return !s.unit_code.empty(); });
    sdmx::Observation observation;
    observation.key.resize(spec_.group_by.size() + 3);  // the cell's key with INDICATOR second
    observation.attributes.resize(units ? 4 : 3);
    const std::size_t first_attribute = units ? 1 : 0;
    // Series order is the order of the keys' texts, and so of their ranks.
    const std::vector<std::uint32_t>& ranked = ranked_.ranks;
    std::vector<std::uint32_t> in_order(cell_count_);
    for (std::size_t c = 0; c < cell_count_; ++c) in_order[c] = static_cast<std::uint32_t>(c);
    std::sort(in_order.begin(), in_order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::uint32_t* x = ranked.data() + std::size_t{a} * key_size_;
        const std::uint32_t* y = ranked.data() + std::size_t{b} * key_size_;
        return std::lexicographical_compare(x, x + key_size_, y, y + key_size_);
    });
    // Series are numbered here (see sdmx::Observation::series): one statistic's cells
    // whose keys have the same ids in every position but the period, the last.
    auto same_series = [&](std::uint32_t a, std::uint32_t b) {
        const std::uint32_t* x = cell_keys_.data() + std::size_t{a} * key_size_;
        const std::uint32_t* y = cell_keys_.data() + std::size_t{b} * key_size_;
        return std::equal(x, x + key_size_ - 1, y);
    };
    std::uint64_t series = 0;
    std::uint32_t last_cell = 0;
    std::string value;
    for (std::size_t s = 0; s < spec_.statistics.size(); ++s) {
        const auto& statistic = spec_.statistics[s];
        bool statistic_started = false;
        for (const std::uint32_t cell : in_order) {
            const double* row = rows_.data() + std::size_t{cell} * row_width_;
            if (!value_of(s, row, cell, value)) {
                ++report_.empty_statistics;
                continue;
            }
            if (!statistic_started || !same_series(last_cell, cell)) ++series;
            statistic_started = true;
            last_cell = cell;
            observation.series = series;
            observation.key[0] = key_text(cell, 0);
            observation.key[1] = statistic.id;
            for (std::size_t p = 1; p < key_size_; ++p) observation.key[p + 1] = key_text(cell, p);
            const char status = status_[cell];
            const bool suppressed = status != 'F';
            // A suppressed cell shows neither its value nor its number of records.
            if (suppressed) {
                observation.value = "NaN";
            } else {
                observation.value.swap(value);
            }
            if (units) observation.attributes[0] = statistic.unit_code;
            if (suppressed) {
                observation.attributes[first_attribute].clear();
            } else {
                char records[24];
                const auto end =
                    std::to_chars(records, records + sizeof records, static_cast<std::uint64_t>(row[0])).ptr;
                observation.attributes[first_attribute].assign(records, end);
            }
            observation.attributes[first_attribute + 1] = suppressed ? "Q" : "A";
            observation.attributes[first_attribute + 2].assign(1, status);
            emit(observation);
            ++report_.observations;
        }
    }
}

sdmx::ObservationLayout Tabulator::layout() const {
    return tabulation_layout(spec_);
}

sdmx::ObservationLayout tabulation_layout(const TabulationSpec& spec) {
    sdmx::ObservationLayout layout;
    layout.key_ids.push_back(kFrequencyId);
    layout.key_ids.push_back(kIndicatorId);
    for (const auto& group : spec.group_by) layout.key_ids.push_back(group.concept_id);
    layout.key_ids.push_back(kTimePeriodId);
    layout.measure_id = kObsValueId;
    const bool units = std::any_of(spec.statistics.begin(), spec.statistics.end(),
                                   [](const Statistic& s) { return !s.unit_code.empty(); });
    if (units) layout.attribute_ids.push_back(kUnitMeasureId);
    layout.attribute_ids.insert(layout.attribute_ids.end(), {kRecordsId, kObsStatusId, kConfStatusId});
    layout.series_level.assign(layout.attribute_ids.size(), false);
    // UNIT_MEASURE, OBS_STATUS and CONF_STATUS are coded; the number of records is not.
    for (const auto& id : layout.attribute_ids) layout.coded.push_back(id != kRecordsId);
    return layout;
}

GeneratedComponents Tabulator::components() const {
    GeneratedComponents components;
    components.origin = "from records, tabulated";
    components.frequencies.insert(frequencies_.begin(), frequencies_.end());
    components.indicator = {kIndicatorId,
                            sdmx::InternationalString("Indicator"),
                            sdmx::InternationalString("The statistic computed from the records"),
                            {}};
    CodeNames units;
    for (const auto& statistic : spec_.statistics) {
        components.indicator.codes.emplace_back(statistic.id, statistic.name);
        if (!statistic.unit_code.empty()) units.emplace_back(statistic.unit_code, statistic.unit_name);
    }
    for (std::size_t g = 0; g < spec_.group_by.size(); ++g) {
        const auto& group = spec_.group_by[g];
        CodedComponent dimension{group.concept_id, sdmx::InternationalString(group.name), {}, {}};
        std::vector<bool> seen(interned_[g + 1].texts.size(), false);
        for (std::size_t c = 0; c < cell_count_; ++c) seen[cell_keys_[c * key_size_ + g + 1]] = true;
        std::set<std::string> used;
        for (std::size_t id = 0; id < seen.size(); ++id) {
            if (seen[id]) used.insert(interned_[g + 1].texts[id]);
        }
        if (group.field) {
            for (const auto& [value, code] : codes_[g].assigned()) dimension.codes.emplace_back(code, value);
        } else if (group.from_unpivot) {
            for (const auto& [code, name] : group.codes) {
                if (used.count(code)) dimension.codes.emplace_back(code, name);
            }
        } else {
            for (const auto& [code, name] : area_names_[g]) dimension.codes.emplace_back(code, name);
            if (used.count(kOutsideAreasCode))
                dimension.codes.emplace_back(kOutsideAreasCode, "Outside the listed areas");
        }
        if (used.count(group.missing_code)) dimension.codes.emplace_back(group.missing_code, "Not stated");
        if (group.totals) dimension.codes.emplace_back(kTotalCode, "Total");
        components.dimensions.push_back(std::move(dimension));
    }
    if (!units.empty()) {
        GeneratedAttribute unit{kUnitMeasureId, sdmx::InternationalString("Unit of measure"), {}, units};
        unit.mandatory = std::all_of(spec_.statistics.begin(), spec_.statistics.end(),
                                     [](const Statistic& s) { return !s.unit_code.empty(); });
        components.attributes.push_back(std::move(unit));
    }
    GeneratedAttribute records{kRecordsId, sdmx::InternationalString("Number of records"),
                               sdmx::InternationalString("How many records the value rests on (left out when the "
                                                         "value is suppressed)"),
                               std::nullopt, "Integer"};
    components.attributes.push_back(std::move(records));
    components.attributes.push_back({kObsStatusId,
                                     sdmx::InternationalString("Observation status"),
                                     {},
                                     CodeNames{{"A", "Normal value"}, {"Q", "Missing value; suppressed"}},
                                     "String",
                                     true});
    components.attributes.push_back(
        {kConfStatusId,
         sdmx::InternationalString("Confidentiality status"),
         {},
         CodeNames{{"F", "Free"},
                   {"A", "Primary confidentiality due to small counts"},
                   {"D", "Secondary confidentiality set by the sender, not for publication"}},
         "String",
         true});
    return components;
}

}  // namespace csdmx::mapping
