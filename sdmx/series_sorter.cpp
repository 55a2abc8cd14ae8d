#include "sdmx/series_sorter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <numeric>
#include <string_view>

#include "core/diagnostic.h"

namespace csdmx::sdmx {

namespace {

// At most this many runs are merged at once; more are first merged into longer
// runs, so the read buffers of a merge stay within a fixed size however long the input.
constexpr std::size_t kMaxFanIn = 16;
constexpr std::size_t kRunBufferBytes = 1 << 20;

// A reference to a key or attribute value: an interned id, or (high bit set) the
// offset of a length-prefixed text. The measure value is always a text offset.
constexpr std::uint32_t kText = 0x80000000u;
constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

// Record layout, in 32-bit words: line (low, high), shape (key count << 16 |
// attribute count), value text offset, key references, attribute references.
constexpr std::size_t kHeaderWords = 4;
// Per record, beyond its words and text: its start, and the sort's (key, start) pair.
constexpr std::size_t kRecordOverhead = sizeof(std::uint32_t) + 16;

// The values seen at one position of the key or the attributes, each stored once.
class Dictionary {
public:
    // The id of `text`; kAbsent when it is new and `may_add` is false.
    std::uint32_t find_or_add(std::string_view text, bool may_add) {
        if (last_ != kAbsent && this->text(last_) == text) return last_;  // runs of equal values are the rule
        if ((count() + 1) * 2 > slots_.size()) grow();
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t slot = hash(text) & mask;; slot = (slot + 1) & mask) {
            const std::uint32_t entry = slots_[slot];
            if (entry == 0) {
                if (!may_add) return kAbsent;
                const auto id = static_cast<std::uint32_t>(count());
                bytes_.append(text);
                offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
                slots_[slot] = id + 1;
                return last_ = id;
            }
            if (this->text(entry - 1) == text) return last_ = entry - 1;
        }
    }
    std::string_view text(std::uint32_t id) const {
        return {bytes_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
    }
    std::size_t count() const { return offsets_.size() - 1; }
    std::size_t footprint() const { return bytes_.size() + offsets_.size() * 4 + slots_.size() * 4; }
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
    static std::size_t hash(std::string_view text) { return std::hash<std::string_view>{}(text); }
    void grow() {
        std::vector<std::uint32_t> slots(std::max<std::size_t>(16, slots_.size() * 2), 0);
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t id = 0; id < count(); ++id) {
            std::size_t slot = hash(text(id)) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = id + 1;
        }
        slots_.swap(slots);
    }

    std::string bytes_;
    std::vector<std::uint32_t> offsets_{0};
    std::vector<std::uint32_t> slots_;
    std::uint32_t last_ = kAbsent;
};

// One record where it lies: its words, and the base its text offsets count from.
struct RecordView {
    const std::uint32_t* words;
    const char* text;

    std::uint64_t line() const { return words[0] | (std::uint64_t{words[1]} << 32); }
    std::size_t key_count() const { return words[2] >> 16; }
    std::size_t attribute_count() const { return words[2] & 0xFFFF; }
    std::size_t size() const { return kHeaderWords + key_count() + attribute_count(); }
    std::uint32_t key(std::size_t i) const { return words[kHeaderWords + i]; }
    std::uint32_t attribute(std::size_t i) const { return words[kHeaderWords + key_count() + i]; }
    std::string_view text_at(std::uint32_t offset) const {
        std::uint32_t size = 0;
        std::memcpy(&size, text + offset, sizeof size);
        return {text + offset + sizeof size, size};
    }
    std::string_view value() const { return text_at(words[3]); }
};

// The interned values of every position, and their ranks once they are needed.
struct Dictionaries {
    std::vector<Dictionary> keys;
    std::vector<Dictionary> attributes;
    std::vector<std::vector<std::uint32_t>> key_ranks;

    std::string_view resolve(const std::vector<Dictionary>& dictionaries, std::size_t i, std::uint32_t reference,
                             const RecordView& record) const {
        return (reference & kText) ? record.text_at(reference & ~kText) : dictionaries[i].text(reference);
    }
    std::string_view key(const RecordView& record, std::size_t i) const {
        return resolve(keys, i, record.key(i), record);
    }
    std::string_view attribute(const RecordView& record, std::size_t i) const {
        return resolve(attributes, i, record.attribute(i), record);
    }
    void rank_keys() {
        key_ranks.clear();
        for (const auto& dictionary : keys) key_ranks.push_back(dictionary.ranks());
    }

    // Series key first (all dimensions but the last, the time dimension), then time,
    // each in byte order; equal keys in input order (by source line), so the first
    // occurrence comes first whatever the shape of the merge. Needs rank_keys().
    bool less(const RecordView& a, const RecordView& b) const {
        const std::size_t common = std::min(a.key_count(), b.key_count());
        for (std::size_t i = 0; i < common; ++i) {
            const std::uint32_t x = a.key(i);
            const std::uint32_t y = b.key(i);
            if (((x | y) & kText) == 0) {
                if (x != y) return key_ranks[i][x] < key_ranks[i][y];
                continue;
            }
            if (int order = key(a, i).compare(key(b, i)); order != 0) return order < 0;
        }
        if (a.key_count() != b.key_count()) return a.key_count() < b.key_count();
        return a.line() < b.line();
    }
    // The same order by the texts alone, without ranks.
    bool less_by_text(const RecordView& a, const RecordView& b) const {
        const std::size_t common = std::min(a.key_count(), b.key_count());
        for (std::size_t i = 0; i < common; ++i) {
            if (a.key(i) == b.key(i) && (a.key(i) & kText) == 0) continue;
            if (int order = key(a, i).compare(key(b, i)); order != 0) return order < 0;
        }
        if (a.key_count() != b.key_count()) return a.key_count() < b.key_count();
        return a.line() < b.line();
    }
};

// A record copied out of the buffer or a run: its words and its own texts.
struct OwnedRecord {
    std::vector<std::uint32_t> words;
    std::string text;
    RecordView view() const { return {words.data(), text.data()}; }
};

void append_text(std::string& text, std::string_view value) {
    const auto size = static_cast<std::uint32_t>(value.size());
    text.append(reinterpret_cast<const char*>(&size), sizeof size);
    text.append(value);
}

// Copies `record` into `out` with its texts rebased onto out.text.
void copy_record(const RecordView& record, OwnedRecord& out) {
    out.words.assign(record.words, record.words + record.size());
    out.text.clear();
    out.words[3] = static_cast<std::uint32_t>(out.text.size());
    append_text(out.text, record.value());
    for (std::size_t i = kHeaderWords; i < out.words.size(); ++i) {
        if (out.words[i] & kText) {
            const auto offset = static_cast<std::uint32_t>(out.text.size());
            append_text(out.text, record.text_at(out.words[i] & ~kText));
            out.words[i] = offset | kText;
        }
    }
}

// A sorted run in an unlinked temporary file: per record its word count, words,
// text size and texts.
class Run {
public:
    explicit Run(const std::filesystem::path& directory) {
        std::string pattern = (directory / ".citizen-sdmx-sort.XXXXXX").string();
        int fd = ::mkstemp(pattern.data());
        if (fd < 0) {
            throw EnvironmentError("cannot create a temporary sort file in " + directory.string() + ": " +
                                   std::strerror(errno));
        }
        ::unlink(pattern.c_str());  // nothing to clean up, whatever happens to the process
        stream_ = ::fdopen(fd, "w+b");
        if (stream_ == nullptr) {
            ::close(fd);
            throw EnvironmentError("cannot open a temporary sort file");
        }
        std::setvbuf(stream_, nullptr, _IOFBF, kRunBufferBytes / kMaxFanIn);
    }
    ~Run() {
        if (stream_) std::fclose(stream_);
    }
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    void write(const RecordView& record) {
        copy_record(record, scratch_);
        write_number(static_cast<std::uint32_t>(scratch_.words.size()));
        write_bytes(scratch_.words.data(), scratch_.words.size() * sizeof(std::uint32_t));
        write_number(static_cast<std::uint32_t>(scratch_.text.size()));
        write_bytes(scratch_.text.data(), scratch_.text.size());
    }
    void rewind() {
        if (std::fflush(stream_) != 0 || std::fseek(stream_, 0, SEEK_SET) != 0) {
            throw EnvironmentError(std::string("temporary sort file: ") + std::strerror(errno));
        }
    }
    bool read(OwnedRecord& record) {
        std::uint32_t size = 0;
        if (std::fread(&size, sizeof size, 1, stream_) != 1) return false;
        record.words.resize(size);
        read_bytes(record.words.data(), size * sizeof(std::uint32_t));
        if (std::fread(&size, sizeof size, 1, stream_) != 1) fail();
        record.text.resize(size);
        read_bytes(record.text.data(), size);
        return true;
    }

private:
    [[noreturn]] static void fail() { throw EnvironmentError("temporary sort file is truncated"); }
    void write_number(std::uint32_t number) { write_bytes(&number, sizeof number); }
    void write_bytes(const void* bytes, std::size_t size) {
        if (size > 0 && std::fwrite(bytes, 1, size, stream_) != size) {
            throw EnvironmentError(std::string("cannot write a temporary sort file: ") + std::strerror(errno));
        }
    }
    void read_bytes(void* bytes, std::size_t size) {
        if (size > 0 && std::fread(bytes, 1, size, stream_) != size) fail();
    }

    std::FILE* stream_ = nullptr;
    OwnedRecord scratch_;
};

}  // namespace

struct SeriesSorter::Impl {
    std::filesystem::path directory;
    std::size_t budget;
    Dictionaries dictionaries;
    std::size_t dictionary_bytes = 0;
    // The buffered records: their words back to back, where each starts, and their texts.
    std::vector<std::uint32_t> words;
    std::vector<std::uint32_t> starts;
    std::string text;
    bool in_order = true;      // the buffer is already sorted: replay skips the sort
    bool all_interned = true;  // no key is kept as text: keys pack into integers
    std::vector<std::unique_ptr<Run>> runs;
    std::size_t spilled = 0;
    std::uint64_t count = 0;

    RecordView view(std::uint32_t start) const { return {words.data() + start, text.data()}; }
    std::size_t buffered_bytes() const {
        return words.size() * 4 + text.size() + starts.size() * kRecordOverhead + dictionary_bytes;
    }

    std::uint32_t reference(Dictionary& dictionary, const std::string& value) {
        // Dictionaries take at most an eighth of the budget; past it, values are text.
        const std::size_t before = dictionary.footprint();
        std::uint32_t id = dictionary.find_or_add(value, dictionary_bytes < budget / 8);
        dictionary_bytes += dictionary.footprint() - before;
        if (id != kAbsent) return id;
        const auto offset = static_cast<std::uint32_t>(text.size());
        append_text(text, value);
        return offset | kText;
    }

    void add(const Observation& observation, std::uint64_t line) {
        if (observation.key.size() > 0xFFFF || observation.attributes.size() > 0xFFFF) {
            throw std::length_error("SeriesSorter: too many components");
        }
        if (dictionaries.keys.size() < observation.key.size()) dictionaries.keys.resize(observation.key.size());
        if (dictionaries.attributes.size() < observation.attributes.size()) {
            dictionaries.attributes.resize(observation.attributes.size());
        }
        const auto start = static_cast<std::uint32_t>(words.size());
        words.push_back(static_cast<std::uint32_t>(line));
        words.push_back(static_cast<std::uint32_t>(line >> 32));
        words.push_back(static_cast<std::uint32_t>(observation.key.size() << 16 | observation.attributes.size()));
        words.push_back(static_cast<std::uint32_t>(text.size()));
        append_text(text, observation.value);
        for (std::size_t i = 0; i < observation.key.size(); ++i) {
            const std::uint32_t ref = reference(dictionaries.keys[i], observation.key[i]);
            if (ref & kText) all_interned = false;
            words.push_back(ref);
        }
        for (std::size_t i = 0; i < observation.attributes.size(); ++i) {
            words.push_back(reference(dictionaries.attributes[i], observation.attributes[i]));
        }
        if (in_order && !starts.empty() && dictionaries.less_by_text(view(start), view(starts.back()))) {
            in_order = false;
        }
        starts.push_back(start);
        // Texts are addressed with 31 bits, words with 32.
        if (buffered_bytes() >= budget || text.size() >= (std::size_t{1} << 30) || words.size() >= (1u << 30)) {
            spill();
        }
    }

    // Orders `starts` by series key, time and line.
    void sort_buffer() {
        if (in_order) return;
        dictionaries.rank_keys();
        const auto& ranks = dictionaries.key_ranks;
        // When every record has the same key length and the ranks fit in 64 bits,
        // one integer per record holds its whole key.
        bool packable = all_interned && !starts.empty();
        const std::size_t key_count = packable ? view(starts.front()).key_count() : 0;
        std::vector<unsigned> bits(key_count);
        unsigned total_bits = 0;
        for (std::size_t i = 0; i < key_count; ++i) {
            bits[i] = static_cast<unsigned>(std::bit_width(std::max<std::size_t>(ranks[i].size(), 1)));
            total_bits += bits[i];
        }
        if (total_bits > 64) packable = false;
        for (std::size_t s = 0; packable && s < starts.size(); ++s) {
            if (view(starts[s]).key_count() != key_count) packable = false;
        }
        if (!packable) {
            std::sort(starts.begin(), starts.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return dictionaries.less(view(a), view(b)); });
            return;
        }
        std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(starts.size());
        for (std::size_t s = 0; s < starts.size(); ++s) {
            const RecordView record = view(starts[s]);
            std::uint64_t packed = 0;
            for (std::size_t i = 0; i < key_count; ++i) {
                packed = (bits[i] == 64 ? 0 : packed << bits[i]) | ranks[i][record.key(i)];
            }
            keyed[s] = {packed, starts[s]};
        }
        std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            if (a.first != b.first) return a.first < b.first;
            return view(a.second).line() < view(b.second).line();
        });
        for (std::size_t s = 0; s < starts.size(); ++s) starts[s] = keyed[s].second;
    }

    void clear_buffer() {
        words.clear();
        starts.clear();
        text.clear();
        in_order = true;
        all_interned = true;
    }

    void spill() {
        sort_buffer();
        auto run = std::make_unique<Run>(directory);
        for (const auto start : starts) run->write(view(start));
        run->rewind();
        runs.push_back(std::move(run));
        ++spilled;
        clear_buffer();
    }

    // k-way merge of `sources` (each sorted) into `sink`, smallest record first.
    void merge(std::vector<std::unique_ptr<Run>>& sources, const std::function<void(const RecordView&)>& sink) {
        std::vector<OwnedRecord> heads(sources.size());
        std::vector<std::size_t> heap;  // indices of runs with a head record
        for (std::size_t r = 0; r < sources.size(); ++r) {
            if (sources[r]->read(heads[r])) heap.push_back(r);
        }
        auto greater = [&](std::size_t a, std::size_t b) {
            return dictionaries.less(heads[b].view(), heads[a].view());
        };
        std::make_heap(heap.begin(), heap.end(), greater);
        while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), greater);
            const std::size_t r = heap.back();
            sink(heads[r].view());
            if (sources[r]->read(heads[r])) {
                std::push_heap(heap.begin(), heap.end(), greater);
            } else {
                heap.pop_back();
            }
        }
    }

    // Merges runs kMaxFanIn at a time into longer runs until few enough are left.
    void reduce_runs() {
        while (runs.size() > kMaxFanIn) {
            std::vector<std::unique_ptr<Run>> group;
            for (std::size_t i = 0; i < kMaxFanIn; ++i) group.push_back(std::move(runs[i]));
            runs.erase(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(kMaxFanIn));
            auto merged = std::make_unique<Run>(directory);
            merge(group, [&](const RecordView& record) { merged->write(record); });
            merged->rewind();
            runs.push_back(std::move(merged));
        }
    }

    // Writes `record` into `observation`, reusing its strings' storage.
    void materialise(const RecordView& record, Observation& observation) const {
        observation.key.resize(record.key_count());
        for (std::size_t i = 0; i < observation.key.size(); ++i) {
            const std::string_view value = dictionaries.key(record, i);
            if (observation.key[i] != value) observation.key[i].assign(value);
        }
        observation.value.assign(record.value());
        observation.attributes.resize(record.attribute_count());
        for (std::size_t i = 0; i < observation.attributes.size(); ++i) {
            const std::string_view value = dictionaries.attribute(record, i);
            if (observation.attributes[i] != value) observation.attributes[i].assign(value);
        }
    }
};

SeriesSorter::SeriesSorter(std::filesystem::path spill_directory, std::size_t memory_budget)
    : impl_(std::make_unique<Impl>()) {
    impl_->directory = std::move(spill_directory);
    impl_->budget = memory_budget;
}

SeriesSorter::~SeriesSorter() = default;

void SeriesSorter::add(const Observation& observation, std::uint64_t source_line) {
    impl_->add(observation, source_line);
    ++impl_->count;
}

void SeriesSorter::replay(const Emit& emit, const Duplicate& duplicate) {
    Impl& impl = *impl_;
    // The observation last emitted, and the next one: swapped, so strings are reused.
    Observation previous;
    Observation next;
    std::uint64_t previous_line = 0;
    bool have_previous = false;
    auto same_key = [&](const RecordView& record) {
        if (previous.key.size() != record.key_count()) return false;
        for (std::size_t i = 0; i < previous.key.size(); ++i) {
            if (previous.key[i] != impl.dictionaries.key(record, i)) return false;
        }
        return true;
    };
    auto deliver = [&](const RecordView& record) {
        if (have_previous && same_key(record)) {
            impl.materialise(record, next);
            duplicate(previous, previous_line, next, record.line());
            return;
        }
        impl.materialise(record, next);
        emit(next);
        std::swap(previous, next);
        previous_line = record.line();
        have_previous = true;
    };

    if (impl.runs.empty()) {
        impl.sort_buffer();
        for (const auto start : impl.starts) deliver(impl.view(start));
    } else {
        if (!impl.starts.empty()) impl.spill();
        impl.dictionaries.rank_keys();  // every value is in: ranks valid for every run
        impl.reduce_runs();
        impl.merge(impl.runs, deliver);
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
