#include "sdmx/series_sorter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
#include <numeric>
#include <string_view>

#include "core/anonymous_file.h"
#include "core/diagnostic.h"
#include "core/output_buffer.h"
#include "core/string_hash.h"
#include "core/write_all.h"
#include "sdmx/radix_sort.h"

namespace csdmx::sdmx {

namespace {

// A run is written and read through a block of this size. A merge reads one block
// per run: at most half the budget's worth of runs are merged at once (kMinFanIn at
// least, kMaxFanIn at most: each run is an open file); more are first merged into
// longer runs, so memory stays within the budget however long the input.
constexpr std::size_t kRunBlockBytes = std::size_t{32} << 10;
constexpr std::size_t kMinFanIn = 8;
constexpr std::size_t kMaxFanIn = 128;

constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
constexpr std::size_t kNoKeyLength = static_cast<std::size_t>(-1);

// A record is a byte string of variable-length numbers (7 bits a byte, low first):
// source line, key count, attribute count, the value's length and bytes, then one
// reference per key and attribute value: an interned id times two, or the length of
// a text that follows times two plus one. Most numbers take a byte or two, so an
// observation of six key codes, a unit and a short value is about 20 bytes.
//
// Per record, beyond its bytes: its start (4 bytes), the sort's key and the radix
// sort's scratch (8 bytes each; a sort whose key and index do not fit in one 64-bit
// number takes 16 and 8 in their place).
constexpr std::size_t kRecordOverhead = sizeof(std::uint32_t) + 2 * sizeof(std::uint64_t);

[[gnu::always_inline]] inline void put_number(OutputBuffer& out, std::uint64_t number) {
    if (number < 0x80) {  // most: counts, ids, short lengths
        out.push_back(static_cast<char>(number));
        return;
    }
    char encoded[10];
    std::size_t size = 0;
    while (number >= 0x80) {
        encoded[size++] = static_cast<char>(number | 0x80);
        number >>= 7;
    }
    encoded[size++] = static_cast<char>(number);
    out.append(encoded, size);
}

[[gnu::always_inline]] inline std::uint64_t get_number(const unsigned char*& p) {
    std::uint64_t number = 0;
    for (unsigned shift = 0;; shift += 7) {
        const unsigned char byte = *p++;
        number |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (byte < 0x80) return number;
    }
}

// The values seen at one position of the key or the attributes, each stored once.
class Dictionary {
public:
    // The id of `text`; kAbsent when it is new and `may_add` is false.
    std::uint32_t find_or_add(std::string_view text, bool may_add) {
        // Runs of equal values are the rule, and two values taking turns (the measures
        // of a row, and their units) the next most common case.
        if (last_ != kAbsent && same_text(this->text(last_), text)) return last_;
        if (before_last_ != kAbsent && same_text(this->text(before_last_), text)) return remember(before_last_);
        if (slots_.empty()) grow();
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = hash(text) & mask;; slot = (slot + 1) & mask) {
            const std::uint32_t entry = slots_[slot];
            if (entry == 0) {
                if (!may_add) return kAbsent;
                const auto id = static_cast<std::uint32_t>(count());
                bytes_.append(text);
                offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
                // At most half the slots in use, so that a probe soon meets an empty one.
                if (count() * 2 > slots_.size()) {
                    grow();  // places every id, the new one too
                } else {
                    slots_[slot] = id + 1;
                    footprint_ = bytes_.size() + offsets_.size() * 4 + slots_.size() * 4;
                }
                return remember(id);
            }
            if (same_text(this->text(entry - 1), text)) return remember(entry - 1);
        }
    }
    std::string_view text(std::uint32_t id) const {
        return {bytes_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
    }
    std::size_t count() const { return offsets_.size() - 1; }
    std::size_t footprint() const { return footprint_; }
    // Each id's place in byte order: comparing ranks is comparing the texts.
    std::vector<std::uint32_t> ranks() const {
        std::vector<std::uint32_t> ids(count());
        std::iota(ids.begin(), ids.end(), 0u);
        std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) { return text(a) < text(b); });
        std::vector<std::uint32_t> rank(count());
        for (std::size_t r = 0; r < ids.size(); ++r) rank[ids[r]] = static_cast<std::uint32_t>(r);
        return rank;
    }

private:
    static std::size_t hash(std::string_view text) { return static_cast<std::size_t>(hash_string(text)); }
    std::uint32_t remember(std::uint32_t id) {
        if (id != last_) before_last_ = last_;
        return last_ = id;
    }
    void grow() {
        std::vector<std::uint32_t> slots(std::max<std::size_t>(16, slots_.size() * 2), 0);
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t id = 0; id < count(); ++id) {
            std::size_t slot = hash(text(id)) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = id + 1;
        }
        slots_.swap(slots);
        footprint_ = bytes_.size() + offsets_.size() * 4 + slots_.size() * 4;
    }

    std::string bytes_;
    std::vector<std::uint32_t> offsets_{0};
    std::vector<std::uint32_t> slots_;
    std::uint32_t last_ = kAbsent, before_last_ = kAbsent;  // the ids found last, most recent first
    std::size_t footprint_ = 4;                             // bytes held: texts, offsets and slots
};

// A key or attribute value of a record: an interned id, or its text.
struct Reference {
    bool interned;
    std::uint32_t id;
    std::string_view text;
};

// One record where it lies, read front to back.
class RecordReader {
public:
    [[gnu::always_inline]] explicit RecordReader(const char* bytes)
        : p_(reinterpret_cast<const unsigned char*>(bytes)) {
        line_ = get_number(p_);
        key_count_ = static_cast<std::size_t>(get_number(p_));
        attribute_count_ = static_cast<std::size_t>(get_number(p_));
        const auto size = static_cast<std::size_t>(get_number(p_));
        value_ = {reinterpret_cast<const char*>(p_), size};
        p_ += size;
    }
    std::uint64_t line() const { return line_; }
    std::size_t key_count() const { return key_count_; }
    std::size_t attribute_count() const { return attribute_count_; }
    std::string_view value() const { return value_; }
    // The next reference: the keys' in order, then the attributes'.
    Reference next() {
        const std::uint64_t number = get_number(p_);
        if ((number & 1) == 0) return {true, static_cast<std::uint32_t>(number >> 1), {}};
        const auto size = static_cast<std::size_t>(number >> 1);
        const std::string_view text(reinterpret_cast<const char*>(p_), size);
        p_ += size;
        return {false, 0, text};
    }

private:
    const unsigned char* p_;
    std::uint64_t line_ = 0;
    std::size_t key_count_ = 0, attribute_count_ = 0;
    std::string_view value_;
};

// The interned values of every position, and their ranks once they are needed.
struct Dictionaries {
    std::vector<Dictionary> keys;
    std::vector<Dictionary> attributes;
    std::vector<std::vector<std::uint32_t>> key_ranks;

    static std::string_view text_of(const Dictionary& dictionary, const Reference& reference) {
        return reference.interned ? dictionary.text(reference.id) : reference.text;
    }
    // Ranks every key value. Dictionaries only grow, so ranks of the same sizes are
    // still right: a spill and the merge after it, or spills of codes all seen
    // before, rank nothing again.
    void rank_keys() {
        bool current = key_ranks.size() == keys.size();
        for (std::size_t i = 0; current && i < keys.size(); ++i) current = key_ranks[i].size() == keys[i].count();
        if (current) return;
        key_ranks.clear();
        for (const auto& dictionary : keys) key_ranks.push_back(dictionary.ranks());
    }

    // Series key first (all dimensions but the last, the time dimension), then time,
    // each in byte order; equal keys in input order (by source line), so the first
    // occurrence comes first whatever the shape of the merge. Interned values
    // compare by rank (needs rank_keys()).
    bool less(const char* x, const char* y) const {
        RecordReader a(x), b(y);
        const std::size_t common = std::min(a.key_count(), b.key_count());
        for (std::size_t i = 0; i < common; ++i) {
            const Reference p = a.next();
            const Reference q = b.next();
            if (p.interned && q.interned) {
                if (p.id == q.id) continue;
                return key_ranks[i][p.id] < key_ranks[i][q.id];
            }
            if (int order = text_of(keys[i], p).compare(text_of(keys[i], q)); order != 0) return order < 0;
        }
        if (a.key_count() != b.key_count()) return a.key_count() < b.key_count();
        return a.line() < b.line();
    }
};

// A sorted run in an unlinked temporary file: per record its size and bytes.
// Written and read through its own block (one system call per block; stdio's two
// locked calls per record were most of a merge of 2x10^7 observations). A run
// holds a block only while it is written or read: a long input spills hundreds
// of runs, and idle blocks would make memory grow with the input.
class Run {
public:
    explicit Run(const std::filesystem::path& directory) : fd_(open_anonymous_file(directory, "sort")) {}
    ~Run() {
        if (fd_ >= 0) ::close(fd_);
    }
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    // Records are self-contained (their texts are in them), so they are copied as they are.
    void write(std::string_view record) {
        const auto size = static_cast<std::uint32_t>(record.size());
        if (out_.capacity() == 0) out_.reserve(kRunBlockBytes);
        out_.append(reinterpret_cast<const char*>(&size), sizeof size);
        out_.append(record);
        if (out_.size() >= kRunBlockBytes) flush();
    }
    // Ends writing: what follows reads the run from its start.
    void rewind() {
        flush();
        out_.release();
        if (::lseek(fd_, 0, SEEK_SET) != 0)
            throw EnvironmentError(std::string("temporary sort file: ") + std::strerror(errno));
        begin_ = end_ = 0;
    }
    // The next record into `record`, valid until the next read; false at the end (the
    // block is then given back).
    bool read(std::string_view& record) {
        std::uint32_t size = 0;
        if (!fill(sizeof size)) {
            if (end_ != begin_) throw EnvironmentError("temporary sort file is truncated");
            in_ = {};
            return false;
        }
        std::memcpy(&size, in_.data() + begin_, sizeof size);
        if (!fill(sizeof size + size)) throw EnvironmentError("temporary sort file is truncated");
        record = {in_.data() + begin_ + sizeof size, size};
        begin_ += sizeof size + size;
        return true;
    }

    unsigned level = 0;  // merged from fan_in^level spilled runs

private:
    void flush() {
        if (!write_all(fd_, out_.view())) {
            throw EnvironmentError(std::string("cannot write a temporary sort file: ") + std::strerror(errno));
        }
        out_.clear();
    }
    // At least `need` unread bytes in `in_`; false at the end of the file.
    bool fill(std::size_t need) {
        if (end_ - begin_ >= need) return true;
        // Not on the first fill: memmove of an empty buffer's null data is undefined, even for 0 bytes (UBSan).
        if (end_ > begin_) std::memmove(in_.data(), in_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
        if (in_.size() < need) in_.resize(std::max(need, kRunBlockBytes));
        while (end_ < need) {
            const ssize_t got = ::read(fd_, in_.data() + end_, in_.size() - end_);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) throw EnvironmentError(std::string("temporary sort file: ") + std::strerror(errno));
            if (got == 0) return false;
            end_ += static_cast<std::size_t>(got);
        }
        return true;
    }

    int fd_ = -1;
    OutputBuffer out_{0};
    std::vector<char> in_;
    std::size_t begin_ = 0, end_ = 0;  // unread bytes of in_
};

}  // namespace

// Below this many buffered bytes, the buffers grow as ordinary small allocations.
constexpr std::size_t kSmallBuffer = std::size_t{256} << 10;

struct SeriesSorter::Impl {
    std::filesystem::path directory;
    std::size_t budget;
    std::size_t fan_in;  // runs merged at once
    Dictionaries dictionaries;
    std::size_t dictionary_bytes = 0;
    // The buffered records back to back, and where each starts (in the order added).
    OutputBuffer bytes;
    std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> starts;
    // After sort_buffer(): the records' indices in series order (empty: in the order added).
    // It and the radix sort's scratch are kept from one spill to the next: allocated
    // afresh, their pages were faulted in again at every sort (5 % of a 10^6 convert).
    SortKeys order;
    SortKeys scratch;
    bool in_order = true;      // the buffer is already sorted: replay skips the sort
    bool all_interned = true;  // no key is kept as text: keys pack into integers
    // The same over every record added, for merging runs: whether every key value was
    // interned, and the key length of the first (any other length clears every_key_interned).
    bool every_key_interned = true;
    std::size_t key_length = kNoKeyLength;
    bool lines_ascend = true;  // records were added in line order (as rows are read)
    std::uint64_t last_line = 0;
    std::vector<std::unique_ptr<Run>> runs;
    std::size_t spilled = 0;
    std::uint64_t count = 0;

    const char* record(std::uint32_t start) const { return bytes.data() + start; }
    // The i-th buffered record in series order, and its bytes (up to where the next one added starts).
    std::size_t sorted_index(std::size_t i) const { return order.empty() ? i : static_cast<std::size_t>(order[i]); }
    std::string_view sorted_record(std::size_t i) const {
        const std::size_t index = sorted_index(i);
        const std::size_t end = index + 1 < starts.size() ? starts[index + 1] : bytes.size();
        return {record(starts[index]), end - starts[index]};
    }
    std::size_t buffered_bytes() const { return bytes.size() + starts.size() * kRecordOverhead + dictionary_bytes; }

    // The previous record's key, to see whether the input is in order without
    // decoding records: per position its id, or kAbsent and its text.
    std::vector<std::uint32_t> previous_ids, current_ids;
    std::vector<std::string> previous_texts;
    std::uint64_t previous_line = 0;

    // Appends the reference to `value`; returns its id, or kAbsent when it is kept as text.
    std::uint32_t put_reference(Dictionary& dictionary, const std::string& value) {
        // Dictionaries take at most half the budget (about 45,000 short codes in the
        // default 2 MiB); past it, values are kept as text, and keys with text sort
        // by comparing records, not integers: with an eighth, 20,000 sites took a
        // 10^6-observation convert from 0.60 s to 0.98 s.
        const std::size_t before = dictionary.footprint();
        std::uint32_t id = dictionary.find_or_add(value, dictionary_bytes < budget / 2);
        dictionary_bytes += dictionary.footprint() - before;
        if (id != kAbsent) {
            put_number(bytes, std::uint64_t{id} << 1);
        } else {
            put_number(bytes, (std::uint64_t{value.size()} << 1) | 1);
            bytes.append(value);
        }
        return id;
    }

    // Dictionaries::less(this observation, the previous record) by texts, from the
    // ids at hand.
    bool before_previous(const Observation& observation, std::uint64_t line) const {
        const std::size_t common = std::min(observation.key.size(), previous_ids.size());
        for (std::size_t i = 0; i < common; ++i) {
            const std::uint32_t id = current_ids[i];
            const std::uint32_t previous = previous_ids[i];
            if (id != kAbsent && id == previous) continue;
            const std::string_view text = observation.key[i];
            const std::string_view previous_text =
                previous != kAbsent ? dictionaries.keys[i].text(previous) : std::string_view(previous_texts[i]);
            if (int order = text.compare(previous_text); order != 0) return order < 0;
        }
        if (observation.key.size() != previous_ids.size()) return observation.key.size() < previous_ids.size();
        return line < previous_line;
    }

    void add(const Observation& observation, std::uint64_t line) {
        if (observation.key.size() > 0xFFFF || observation.attributes.size() > 0xFFFF) {
            throw std::length_error("SeriesSorter: too many components");
        }
        if (dictionaries.keys.size() < observation.key.size()) dictionaries.keys.resize(observation.key.size());
        if (dictionaries.attributes.size() < observation.attributes.size()) {
            dictionaries.attributes.resize(observation.attributes.size());
        }
        if (bytes.size() >= kSmallBuffer && bytes.capacity() < budget) {
            // Room for a budget's worth at once: growing by doubling would copy the
            // buffer and touch twice its pages; untouched reserved pages cost nothing.
            // Not before the input proves large: the first touch of a huge page costs
            // 2 MiB of memory, which a ten-row sample does not need.
            bytes.reserve(budget);
            starts.reserve(budget / 16);
        }
        if (key_length != observation.key.size()) {
            if (key_length == kNoKeyLength && count == 0) {
                key_length = observation.key.size();
            } else {
                every_key_interned = false;  // lengths differ: merge by Dictionaries::less
            }
        }
        const auto start = static_cast<std::uint32_t>(bytes.size());
        put_number(bytes, line);
        put_number(bytes, observation.key.size());
        put_number(bytes, observation.attributes.size());
        put_number(bytes, observation.value.size());
        bytes.append(observation.value);
        current_ids.clear();
        for (std::size_t i = 0; i < observation.key.size(); ++i) {
            const std::uint32_t id = put_reference(dictionaries.keys[i], observation.key[i]);
            if (id == kAbsent) all_interned = every_key_interned = false;
            current_ids.push_back(id);
        }
        for (std::size_t i = 0; i < observation.attributes.size(); ++i) {
            put_reference(dictionaries.attributes[i], observation.attributes[i]);
        }
        if (in_order && !starts.empty() && before_previous(observation, line)) in_order = false;
        previous_ids.swap(current_ids);
        previous_line = line;
        if (previous_texts.size() < previous_ids.size()) previous_texts.resize(previous_ids.size());
        for (std::size_t i = 0; i < previous_ids.size(); ++i) {
            if (previous_ids[i] == kAbsent) previous_texts[i] = observation.key[i];
        }
        if (!starts.empty() && line < last_line) lines_ascend = false;
        last_line = line;
        starts.push_back(start);
        // Records are addressed with 32 bits.
        if (buffered_bytes() >= budget || bytes.size() >= (std::size_t{1} << 31)) spill();
    }

    // Puts the records' indices in `order` by series key, time and line.
    void sort_buffer() {
        order.clear();
        if (in_order) return;
        dictionaries.rank_keys();
        // When every record has the same key length and the ranks fit in 64 bits,
        // one integer per record holds its whole key; with the record's index below
        // it (records are buffered in input order), one integer sorts it entirely.
        bool packable = all_interned && !starts.empty();
        const std::size_t key_count = packable ? RecordReader(record(starts.front())).key_count() : 0;
        std::vector<unsigned> bits;
        const unsigned total_bits = packable ? key_bits(key_count, bits) : 0;
        if (total_bits > 64) packable = false;
        for (std::size_t s = 0; packable && s < starts.size(); ++s) {
            if (RecordReader(record(starts[s])).key_count() != key_count) packable = false;
        }
        if (!packable) {
            order.resize(starts.size());
            std::iota(order.begin(), order.end(), 0u);
            std::sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) {
                return dictionaries.less(record(starts[a]), record(starts[b]));
            });
            return;
        }
        auto packed_key = [&](std::uint32_t start) { return pack_key(record(start), bits); };
        // Equal keys keep their input order: by index when it is packed in (the line
        // order of records added in line order, as rows are read), else by line.
        const auto index_bits = static_cast<unsigned>(std::bit_width(starts.size()));
        if (lines_ascend && total_bits + index_bits <= 64) {
            // Stable on the key bits alone: the index bits below are already in order.
            order.resize(starts.size());
            for (std::size_t s = 0; s < starts.size(); ++s) order[s] = (packed_key(starts[s]) << index_bits) | s;
            radix_sort_bits(order, index_bits, total_bits, scratch);
            const std::uint64_t mask = (std::uint64_t{1} << index_bits) - 1;
            for (auto& entry : order) entry &= mask;
            return;
        }
        std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(starts.size());
        for (std::size_t s = 0; s < starts.size(); ++s)
            keyed[s] = {packed_key(starts[s]), static_cast<std::uint32_t>(s)};
        std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            if (a.first != b.first) return a.first < b.first;
            return RecordReader(record(starts[a.second])).line() < RecordReader(record(starts[b.second])).line();
        });
        order.resize(starts.size());
        for (std::size_t s = 0; s < starts.size(); ++s) order[s] = keyed[s].second;
    }

    void clear_buffer() {
        bytes.clear();
        starts.clear();
        order.clear();
        in_order = true;
        all_interned = true;
        lines_ascend = true;
    }

    // Gives the (empty) buffer's memory back.
    void release_buffer() {
        bytes.release();
        decltype(starts)().swap(starts);
        SortKeys().swap(order);
        SortKeys().swap(scratch);
    }

    void spill() {
        sort_buffer();
        auto run = std::make_unique<Run>(directory);
        for (std::size_t i = 0; i < starts.size(); ++i) run->write(sorted_record(i));
        run->rewind();
        runs.push_back(std::move(run));
        ++spilled;
        clear_buffer();
        merge_full_levels();
    }

    // Bits per key position for packing whole keys (ranks) into one integer; returns
    // their sum (more than 64: they do not pack). Needs rank_keys().
    unsigned key_bits(std::size_t key_count, std::vector<unsigned>& bits) const {
        const auto& ranks = dictionaries.key_ranks;
        bits.assign(key_count, 0);
        unsigned total = 0;
        for (std::size_t i = 0; i < key_count; ++i) {
            bits[i] = static_cast<unsigned>(std::bit_width(std::max<std::size_t>(ranks[i].size(), 1)));
            total += bits[i];
        }
        return total;
    }
    // A record's key as one integer: comparing two is comparing the keys (every key
    // value interned, `bits` from key_bits() and fitting).
    // `line`, when given, gets the record's line (read on the way).
    std::uint64_t pack_key(const char* bytes_of_record, const std::vector<unsigned>& bits,
                           std::uint64_t* line = nullptr) const {
        const auto& ranks = dictionaries.key_ranks;
        RecordReader reader(bytes_of_record);
        if (line != nullptr) *line = reader.line();
        std::uint64_t packed = 0;
        for (std::size_t i = 0; i < bits.size(); ++i) {
            packed = (bits[i] == 64 ? 0 : packed << bits[i]) | ranks[i][reader.next().id];
        }
        return packed;
    }

    // k-way merge of `sources` (each sorted) into `sink`, smallest record first.
    void merge(std::vector<std::unique_ptr<Run>>& sources, const std::function<void(std::string_view)>& sink) {
        std::vector<std::string_view> heads(sources.size());
        std::vector<std::size_t> heap;  // indices of runs with a head record
        // When every key of every run packs, heads compare as (packed key, line):
        // Dictionaries::less decodes both records per comparison.
        std::vector<unsigned> bits;
        const bool packed = every_key_interned && key_length != kNoKeyLength && key_bits(key_length, bits) <= 64;
        std::vector<std::pair<std::uint64_t, std::uint64_t>> head_keys(sources.size());
        auto read_head = [&](std::size_t r) {
            if (!sources[r]->read(heads[r])) return false;
            if (packed) head_keys[r].first = pack_key(heads[r].data(), bits, &head_keys[r].second);
            return true;
        };
        for (std::size_t r = 0; r < sources.size(); ++r) {
            if (read_head(r)) heap.push_back(r);
        }
        auto greater = [&](std::size_t a, std::size_t b) {
            if (packed) return head_keys[b] < head_keys[a];
            return dictionaries.less(heads[b].data(), heads[a].data());
        };
        std::make_heap(heap.begin(), heap.end(), greater);
        // The run with the smallest head is kept out of the heap: its next record is
        // most often the next one out (a run holds stretches of each series, as the
        // input had them), and then one comparison with the heap's top is all it takes.
        auto take_smallest = [&] {
            std::pop_heap(heap.begin(), heap.end(), greater);
            const std::size_t r = heap.back();
            heap.pop_back();
            return r;
        };
        if (heap.empty()) return;
        std::size_t current = take_smallest();
        for (;;) {
            sink(heads[current]);
            if (!read_head(current)) {
                if (heap.empty()) return;
                current = take_smallest();
            } else if (!heap.empty() && greater(current, heap.front())) {
                heap.push_back(current);
                std::push_heap(heap.begin(), heap.end(), greater);
                current = take_smallest();
            }
        }
    }

    // Merges the last `count` runs into one run of `level`.
    void merge_last(std::size_t count, unsigned level) {
        std::vector<std::unique_ptr<Run>> group;
        for (std::size_t i = runs.size() - count; i < runs.size(); ++i) group.push_back(std::move(runs[i]));
        runs.resize(runs.size() - count);
        auto merged = std::make_unique<Run>(directory);
        merge(group, [&](std::string_view record) { merged->write(record); });
        group.clear();  // their files and blocks go before the merged run is read
        merged->rewind();
        merged->level = level;
        runs.push_back(std::move(merged));
    }

    // After a spill: whenever fan_in runs of one level are there, they become one run
    // of the next level (runs stay in order of level, highest first). Open files and
    // merge passes grow with the logarithm of the input, and no merge reads more
    // than fan_in blocks at once.
    void merge_full_levels() {
        while (runs.size() >= fan_in && runs[runs.size() - fan_in]->level == runs.back()->level) {
            release_buffer();          // the merge's blocks take its place within the budget
            dictionaries.rank_keys();  // merges compare ranks: those of every value so far
            merge_last(fan_in, runs.back()->level + 1);
        }
    }

    // Before the last merge: the lowest runs are merged until at most fan_in are left.
    void reduce_runs() {
        while (runs.size() > fan_in) merge_last(std::min(fan_in, runs.size() - fan_in + 1), runs.back()->level + 1);
    }

    // Writes `record` into `observation`, reusing its strings' storage; returns its
    // line. `ids` say, per key and attribute position, which interned value the
    // observation's string holds already (kAbsent: unknown or text), so a value
    // equal to the one there is not copied or compared.
    std::uint64_t materialise(const char* bytes_of_record, Observation& observation,
                              std::vector<std::uint32_t>& ids) const {
        RecordReader record(bytes_of_record);
        const std::size_t key_count = record.key_count();
        const std::size_t attribute_count = record.attribute_count();
        if (observation.key.size() != key_count || observation.attributes.size() != attribute_count ||
            ids.size() != key_count + attribute_count) {
            ids.assign(key_count + attribute_count, kAbsent);  // positions moved: nothing known
            observation.key.resize(key_count);
            observation.attributes.resize(attribute_count);
        }
        auto put = [&](const Dictionary& dictionary, std::string& target, std::uint32_t& id) {
            const Reference reference = record.next();
            if (reference.interned) {
                if (reference.id == id) return;
                id = reference.id;
                target.assign(dictionary.text(reference.id));
            } else {
                id = kAbsent;
                target.assign(reference.text);
            }
        };
        for (std::size_t i = 0; i < key_count; ++i) put(dictionaries.keys[i], observation.key[i], ids[i]);
        observation.value.assign(record.value());
        for (std::size_t i = 0; i < attribute_count; ++i) {
            put(dictionaries.attributes[i], observation.attributes[i], ids[key_count + i]);
        }
        return record.line();
    }
};

namespace {

// The first key position where two materialised observations with keys of the same
// length differ (that length when none does): equal interned ids are equal texts,
// different ones different texts; values kept as text compare as text.
std::size_t first_difference(const Observation& a, const std::vector<std::uint32_t>& a_ids, const Observation& b,
                             const std::vector<std::uint32_t>& b_ids) {
    for (std::size_t i = 0; i < a.key.size(); ++i) {
        if (a_ids[i] != kAbsent && b_ids[i] != kAbsent) {
            if (a_ids[i] != b_ids[i]) return i;
        } else if (a.key[i] != b.key[i]) {
            return i;
        }
    }
    return a.key.size();
}

}  // namespace

SeriesSorter::SeriesSorter(std::filesystem::path spill_directory, std::size_t memory_budget)
    : impl_(std::make_unique<Impl>()) {
    impl_->directory = std::move(spill_directory);
    impl_->budget = memory_budget;
    impl_->fan_in = std::clamp(memory_budget / 2 / kRunBlockBytes, kMinFanIn, kMaxFanIn);
}

SeriesSorter::~SeriesSorter() = default;

void SeriesSorter::add(const Observation& observation, std::uint64_t source_line) {
    impl_->add(observation, source_line);
    ++impl_->count;
}

void SeriesSorter::replay(const Emit& emit, const Duplicate& duplicate) {
    Impl& impl = *impl_;
    // The observation last emitted, and the next one: they trade places (by pointer:
    // moving an observation's strings three ways per observation was a tenth of the
    // replay), so strings are reused.
    Observation observations[2];
    Observation* previous = &observations[0];
    Observation* next = &observations[1];
    std::vector<std::uint32_t> previous_ids, next_ids;  // what their strings hold (see materialise)
    std::uint64_t previous_line = 0;
    bool have_previous = false;
    auto deliver = [&](const char* bytes) {
        const std::uint64_t line = impl.materialise(bytes, *next, next_ids);
        const bool comparable = have_previous && next->key.size() == previous->key.size();
        const std::size_t same = comparable ? first_difference(*next, next_ids, *previous, previous_ids) : 0;
        if (comparable && same == next->key.size()) {
            duplicate(*previous, previous_line, *next, line);
            return;
        }
        // Numbered here, from the ids, so that no writer compares the series key's texts
        // (all but the last key value, the time period).
        next->series = comparable && same + 1 >= next->key.size() ? previous->series : previous->series + 1;
        emit(*next);
        std::swap(previous, next);
        previous_ids.swap(next_ids);
        previous_line = line;
        have_previous = true;
    };

    if (impl.runs.empty()) {
        impl.sort_buffer();
        // Sorted records lie all over the buffer: ask for each a few records ahead,
        // so its cache line is there when it is read (a tenth of the replay's time).
        constexpr std::size_t kAhead = 16;
        const std::size_t count = impl.starts.size();
        for (std::size_t i = 0; i < count; ++i) {
            if (i + kAhead < count) __builtin_prefetch(impl.record(impl.starts[impl.sorted_index(i + kAhead)]));
            deliver(impl.record(impl.starts[impl.sorted_index(i)]));
        }
    } else {
        if (!impl.starts.empty()) impl.spill();
        impl.release_buffer();          // the merge's blocks take its place within the budget
        impl.dictionaries.rank_keys();  // every value is in: ranks valid for every run
        impl.reduce_runs();
        impl.merge(impl.runs, [&](std::string_view record) { deliver(record.data()); });
    }
    impl.clear_buffer();
    impl.runs.clear();
}

std::size_t SeriesSorter::runs_spilled() const {
    return impl_->spilled;
}

std::uint64_t SeriesSorter::observations() const {
    return impl_->count;
}

}  // namespace csdmx::sdmx
