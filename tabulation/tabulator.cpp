#include "tabulation/tabulator.h"

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

double number_of(const std::string& text) {
    return std::strtod(text.c_str(), nullptr);
}

std::string format_number(double value, const std::optional<int>& decimals) {
    char text[64];
    std::to_chars_result result;
    if (decimals) {
        result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, *decimals);
    } else {
        result = std::to_chars(text, text + sizeof text, value);
    }
    std::string formatted(text, result.ptr);
    if (formatted == "-0" || formatted.rfind("-0.", 0) == 0) {
        bool zero = formatted.find_first_not_of("-0.") == std::string::npos;
        if (zero) formatted.erase(0, 1);
    }
    return formatted;
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
      value_codes_(spec.group_by.size()),
      contributions_(spec.statistics.size()) {
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
    if (has_median_) median_values_ = std::make_unique<MedianValues>(spill_directory, std::size_t{32} << 20);
    slots_.assign(1024, 0);
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
        contribute(row);
        count(weight);
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
        contribute(unpivoted_);
        count(weight);
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
        if (auto found = seen.find(cell.value); found != seen.end()) return found->second;
        const auto id = codes.intern(codes_[g].code_for(cell.value));
        seen.emplace(cell.value, id);
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

// What the record gives each statistic does not depend on the cell: work it out once.
void Tabulator::contribute(const package::TableRow& row) {
    for (std::size_t s = 0; s < spec_.statistics.size(); ++s) {
        const auto& statistic = spec_.statistics[s];
        auto& contribution = contributions_[s];
        contribution.kind = Contribution::Kind::none;
        if (statistic.function == Function::share || statistic.function == Function::percentage) {
            const auto& condition = *statistic.where;
            if (row.cells[condition.field].missing) continue;  // unknown: not in the base
            contribution.kind = Contribution::Kind::share;
            contribution.hit = condition_holds(condition, row);
            continue;
        }
        if (statistic.where && (row.cells[statistic.where->field].missing || !condition_holds(*statistic.where, row))) {
            continue;
        }
        if (statistic.function == Function::count) {
            contribution.kind = Contribution::Kind::counted;
            continue;
        }
        const auto& cell_value = row.cells[*statistic.field];
        if (cell_value.missing) continue;
        contribution.kind = Contribution::Kind::value;
        contribution.value = number_of(cell_value.value);
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
    // A new cell: its key as text for the output, its ids for the table.
    const std::size_t index = cells_.size();
    if (index >= std::numeric_limits<std::uint32_t>::max() - 1) throw std::length_error("too many tabulated cells");
    Cell cell;
    for (std::size_t p = 0; p < key_size_; ++p) cell.key.push_back(interned_[p].texts[key[p]]);
    cell.statistics.resize(spec_.statistics.size());
    cells_.push_back(std::move(cell));
    cell_keys_.insert(cell_keys_.end(), key, key + key_size_);
    if (cells_.size() * 2 > slots_.size()) {
        // Keep the table at most half full: rehash into twice the slots.
        slots_.assign(slots_.size() * 2, 0);
        mask = slots_.size() - 1;
        for (std::size_t c = 0; c < cells_.size(); ++c) {
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

void Tabulator::count(double weight) {
    const std::size_t variants = std::size_t{1} << total_positions_.size();
    for (std::size_t f = 0; f < period_ids_.size(); ++f) {
        key_[0] = frequency_ids_[f];
        key_[key_size_ - 1] = period_ids_[f];
        variant_ = key_;  // the positions with totals are set per variant below
        for (std::size_t mask = 0; mask < variants; ++mask) {
            for (std::size_t t = 0; t < total_positions_.size(); ++t) {
                const std::size_t position = total_positions_[t];
                variant_[position] = (mask & (std::size_t{1} << t)) ? total_ids_[t] : key_[position];
            }
            update(cell_for(variant_.data()), weight);
        }
    }
}

void Tabulator::update(std::size_t cell_index, double weight) {
    Cell& cell = cells_[cell_index];
    ++cell.records;
    for (std::size_t s = 0; s < spec_.statistics.size(); ++s) {
        const auto& contribution = contributions_[s];
        if (contribution.kind == Contribution::Kind::none) continue;
        const auto& statistic = spec_.statistics[s];
        auto& sums = cell.statistics[s];
        const double w = statistic.weighted ? weight : 1.0;
        if (contribution.kind == Contribution::Kind::share) {
            sums.base += w;
            if (contribution.hit) sums.hits += w;
            continue;
        }
        if (contribution.kind == Contribution::Kind::counted) {
            sums.weight += w;
            ++sums.values;
            continue;
        }
        const double x = contribution.value;
        if (sums.values == 0) sums.min = sums.max = x;
        sums.min = std::min(sums.min, x);
        sums.max = std::max(sums.max, x);
        sums.sum += w * x;
        sums.weight += w;
        ++sums.values;
        if (median_index_[s] >= 0) {
            const std::size_t group = cell_index * median_count_ + static_cast<std::size_t>(median_index_[s]);
            if (group > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("too many median cells");
            median_values_->add(static_cast<std::uint32_t>(group), x);
        }
    }
}

void Tabulator::compute_medians() {
    if (!has_median_) return;
    std::vector<std::size_t> statistic_of(median_count_);
    for (std::size_t s = 0; s < median_index_.size(); ++s) {
        if (median_index_[s] >= 0) statistic_of[static_cast<std::size_t>(median_index_[s])] = s;
    }
    median_values_->medians([&](std::uint32_t group, double median) {
        cells_[group / median_count_].statistics[statistic_of[group % median_count_]].median = median;
    });
}

void Tabulator::finish() {
    compute_medians();
    std::vector<ProtectedCell> protection;
    protection.reserve(cells_.size());
    for (const auto& cell : cells_) protection.push_back({cell.key, cell.records, 'F'});
    report_.suppressed =
        apply_disclosure_control(protection, spec_.min_cell_size, total_positions_, spec_.secondary_suppression);
    std::size_t i = 0;
    for (auto& cell : cells_) cell.status = protection[i++].status;
    report_.cells = cells_.size();
}

std::string Tabulator::value_of(const Statistic& statistic, const Accumulator& sums) const {
    double value = 0;
    switch (statistic.function) {
        case Function::count:
            value = sums.weight;
            break;
        case Function::sum:
            if (sums.values == 0) return {};
            value = sums.sum;
            break;
        case Function::mean:
            if (sums.values == 0 || sums.weight == 0) return {};
            value = sums.sum / sums.weight;
            break;
        case Function::median:
            if (sums.values == 0) return {};
            value = sums.median;
            break;
        case Function::min:
            if (sums.values == 0) return {};
            value = sums.min;
            break;
        case Function::max:
            if (sums.values == 0) return {};
            value = sums.max;
            break;
        case Function::share:
        case Function::percentage:
            if (sums.base == 0) return {};
            value = sums.hits / sums.base * (statistic.function == Function::percentage ? 100.0 : 1.0);
            break;
    }
    return format_number(value, statistic.decimals);
}

void Tabulator::emit(const std::function<void(const sdmx::Observation&)>& emit) {
    const bool units = std::any_of(spec_.statistics.begin(), spec_.statistics.end(),
                                   [](const Statistic& s) { return !s.unit_code.empty(); });
    sdmx::Observation observation;
    observation.key.resize(spec_.group_by.size() + 3);  // the cell's key with INDICATOR second
    observation.attributes.resize(units ? 4 : 3);
    const std::size_t first_attribute = units ? 1 : 0;
    std::vector<const Cell*> in_order;
    in_order.reserve(cells_.size());
    for (const auto& cell : cells_) in_order.push_back(&cell);
    std::sort(in_order.begin(), in_order.end(), [](const Cell* a, const Cell* b) { return a->key < b->key; });
    for (std::size_t s = 0; s < spec_.statistics.size(); ++s) {
        const auto& statistic = spec_.statistics[s];
        for (const Cell* cell_in_order : in_order) {
            const Cell& cell = *cell_in_order;
            const auto& key = cell.key;
            std::string value = value_of(statistic, cell.statistics[s]);
            if (value.empty()) {
                ++report_.empty_statistics;
                continue;
            }
            observation.key[0] = key.front();
            observation.key[1] = statistic.id;
            std::copy(key.begin() + 1, key.end(), observation.key.begin() + 2);
            const bool suppressed = cell.status != 'F';
            // A suppressed cell shows neither its value nor its number of records.
            observation.value = suppressed ? "NaN" : value;
            if (units) observation.attributes[0] = statistic.unit_code;
            observation.attributes[first_attribute] = suppressed ? "" : std::to_string(cell.records);
            observation.attributes[first_attribute + 1] = suppressed ? "Q" : "A";
            observation.attributes[first_attribute + 2] = std::string(1, cell.status);
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
        std::set<std::string> used;
        for (const auto& cell : cells_) used.insert(cell.key[g + 1]);
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
