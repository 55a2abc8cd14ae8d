// What reading a cell made of a raw text, remembered per column for the texts
// that come back.
//
// Most columns of a citizen-data table repeat a few values (sites, sexes, age
// groups, dates, yes/no answers), and reading a cell as its field (trimming,
// missing-value markers, normalising, the XML character check, constraints, the
// Excel check) was about half of reading a row. The outcome depends only on the
// field and the raw text, so a column's recent texts keep it: a small
// direct-mapped table keyed by the text's hash, holding only cells that were
// fine. A column whose texts rarely repeat (measures) stops asking after a
// trial, so it costs nothing more than before. Memory is bounded: a few dozen
// short texts per column.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/string_hash.h"

namespace csdmx::package {

struct MemoisedCell {
    std::string raw;    // the text as it was in the file
    std::string value;  // what read_cell made of it
    bool padded = false;
    bool excel_like = false;  // looks_like_excel_mangled_identifier held
    bool used = false;
};

class CellMemo {
public:
    // Texts longer than this are read every time (they are seldom codes).
    static constexpr std::size_t kMaxRawBytes = 48;
    // Whether the column is still remembered (false once its trial found few repeats).
    bool enabled() const { return enabled_; }

    // The remembered outcome for `raw`, or nullptr (then read it, and keep() it if fine).
    const MemoisedCell* find(std::string_view raw) {
        missed_ = nullptr;
        if (!enabled_ || raw.size() > kMaxRawBytes) return nullptr;
        // After a trial, a column that seldom repeats a text stops asking.
        if (++lookups_ == kTrialLookups && hits_ * 4 < lookups_) {
            enabled_ = false;
            return nullptr;
        }
        MemoisedCell& slot = slots_[slot_of(raw)];
        if (slot.used && same_text(slot.raw, raw)) {
            ++hits_;
            return &slot;
        }
        missed_ = &slot;
        return nullptr;
    }
    // Right after find(raw) missed: remembers what `raw` was read as, in the slot that
    // find() looked in (not hashed again). Otherwise (disabled, too long) nothing.
    void keep(std::string_view raw, std::string_view value, bool padded, bool excel_like) {
        if (missed_ == nullptr) return;
        MemoisedCell& slot = *missed_;
        missed_ = nullptr;
        slot.raw.assign(raw);
        slot.value.assign(value);
        slot.padded = padded;
        slot.excel_like = excel_like;
        slot.used = true;
    }

private:
    static constexpr std::size_t kSlots = 64;
    static constexpr std::uint64_t kTrialLookups = 4096;

    static std::size_t slot_of(std::string_view raw) { return static_cast<std::size_t>(hash_string(raw)) % kSlots; }

    std::array<MemoisedCell, kSlots> slots_;
    MemoisedCell* missed_ = nullptr;  // the slot the last find() missed in
    std::uint64_t lookups_ = 0, hits_ = 0;
    bool enabled_ = true;
};

}  // namespace csdmx::package
