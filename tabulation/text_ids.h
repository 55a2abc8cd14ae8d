// Texts to small integer ids in one open-addressing table, for the cell texts a
// tabulation looks up once a record (a group-by column's values): core's short-string
// hash and one probe, where std::unordered_map hashes with murmur and follows
// a node pointer per look-up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_hash.h"

namespace csdmx::mapping {

class TextIds {
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFF;

    TextIds() : slots_(64) {}

    // The id given to `text`, or kNone.
    std::uint32_t find(std::string_view text) const {
        const std::uint64_t hash = hash_of(text);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const Slot& entry = slots_[slot];
            if (entry.entry == 0) return kNone;
            if (entry.hash == hash && same_text(entries_[entry.entry - 1].text, text))
                return entries_[entry.entry - 1].id;
        }
    }

    // Gives `text` (not yet in) the id `id`.
    void add(std::string_view text, std::uint32_t id) {
        entries_.push_back({std::string(text), id});
        if (entries_.size() * 2 > slots_.size()) {
            // At most half full: rehash into twice the slots.
            slots_.assign(slots_.size() * 2, Slot{});
            for (std::size_t e = 0; e < entries_.size(); ++e) place(hash_of(entries_[e].text), e);
        } else {
            place(hash_of(text), entries_.size() - 1);
        }
    }

    std::size_t size() const { return entries_.size(); }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t entry = 0;  // index in entries_ + 1; 0: empty
    };
    struct Entry {
        std::string text;
        std::uint32_t id;
    };

    static std::uint64_t hash_of(std::string_view text) { return hash_string(text); }
    void place(std::uint64_t hash, std::size_t entry) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t slot = hash & mask;
        while (slots_[slot].entry != 0) slot = (slot + 1) & mask;
        slots_[slot] = {hash, static_cast<std::uint32_t>(entry + 1)};
    }

    std::vector<Slot> slots_;
    std::vector<Entry> entries_;
};

}  // namespace csdmx::mapping
