#include "sdmx/series_sorter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>

#include "core/diagnostic.h"

namespace csdmx::sdmx {

namespace {

struct Entry {
    Observation observation;
    std::uint64_t line = 0;
};

// At most this many runs are merged at once; more are first merged into longer
// runs, so the read buffers of a merge stay within a fixed size however long the input.
constexpr std::size_t kMaxFanIn = 16;
constexpr std::size_t kRunBufferBytes = 256 * 1024;

// Series key first (all dimensions but the last, the time dimension), then time;
// equal keys in input order (by source line), so the first occurrence comes first
// whatever the shape of the merge.
bool entry_less(const Entry& a, const Entry& b) {
    const auto& x = a.observation.key;
    const auto& y = b.observation.key;
    const std::size_t common = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (int order = x[i].compare(y[i]); order != 0) return order < 0;
    }
    if (x.size() != y.size()) return x.size() < y.size();
    return a.line < b.line;
}

std::size_t footprint(const Observation& observation) {
    std::size_t bytes = sizeof(Entry) + observation.value.capacity();
    for (const auto& value : observation.key) bytes += value.capacity() + sizeof(std::string);
    for (const auto& value : observation.attributes) bytes += value.capacity() + sizeof(std::string);
    return bytes;
}

// A sorted run in an unlinked temporary file: length-prefixed strings.
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
        // Entries are written and read a few bytes at a time: larger blocks, fewer calls.
        std::setvbuf(stream_, nullptr, _IOFBF, kRunBufferBytes);
        std::setvbuf(stream_, nullptr, _IOFBF, 1 << 16);
    }
    ~Run() {
        if (stream_) std::fclose(stream_);
    }
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    void write(const Entry& entry) {
        write_number(entry.line);
        write_number(entry.observation.key.size());
        for (const auto& value : entry.observation.key) write_string(value);
        write_string(entry.observation.value);
        write_number(entry.observation.attributes.size());
        for (const auto& value : entry.observation.attributes) write_string(value);
    }
    void rewind() {
        if (std::fflush(stream_) != 0 || std::fseek(stream_, 0, SEEK_SET) != 0) {
            throw EnvironmentError(std::string("temporary sort file: ") + std::strerror(errno));
        }
    }
    bool read(Entry& entry) {
        std::uint64_t count = 0;
        if (!read_number(entry.line)) return false;
        if (!read_number(count)) fail();
        entry.observation.key.resize(count);
        for (auto& value : entry.observation.key) read_string(value);
        read_string(entry.observation.value);
        if (!read_number(count)) fail();
        entry.observation.attributes.resize(count);
        for (auto& value : entry.observation.attributes) read_string(value);
        return true;
    }

private:
    [[noreturn]] static void fail() { throw EnvironmentError("temporary sort file is truncated"); }
    void write_number(std::uint64_t number) {
        if (std::fwrite(&number, sizeof number, 1, stream_) != 1) {
            throw EnvironmentError(std::string("cannot write a temporary sort file: ") + std::strerror(errno));
        }
    }
    void write_string(const std::string& text) {
        write_number(text.size());
        if (!text.empty() && std::fwrite(text.data(), 1, text.size(), stream_) != text.size()) {
            throw EnvironmentError(std::string("cannot write a temporary sort file: ") + std::strerror(errno));
        }
    }
    bool read_number(std::uint64_t& number) { return std::fread(&number, sizeof number, 1, stream_) == 1; }
    void read_string(std::string& text) {
        std::uint64_t size = 0;
        if (!read_number(size)) fail();
        text.resize(size);
        if (size > 0 && std::fread(text.data(), 1, size, stream_) != size) fail();
    }

    std::FILE* stream_ = nullptr;
};

}  // namespace

struct SeriesSorter::Impl {
    std::filesystem::path directory;
    std::size_t budget;
    // Entries [0, used) are the buffered ones; those after keep their strings'
    // storage for the next entries, so a long input does not allocate per entry.
    std::vector<Entry> buffer;
    std::size_t used = 0;
    std::size_t buffered_bytes = 0;
    std::vector<std::unique_ptr<Run>> runs;
    std::size_t spilled = 0;
    std::uint64_t count = 0;

    void sort_buffer() { std::sort(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(used), entry_less); }

    // k-way merge of `sources` (each sorted) into `sink`, smallest entry first.
    static void merge(std::vector<std::unique_ptr<Run>>& sources, const std::function<void(const Entry&)>& sink) {
        struct Head {
            Entry entry;
            std::size_t run;
        };
        // A heap kept by hand, so that the smallest entry is moved out, not copied,
        // and its storage reused for the next entry of its run.
        auto greater = [](const Head& a, const Head& b) { return entry_less(b.entry, a.entry); };
        std::vector<Head> heads;
        heads.reserve(sources.size());
        for (std::size_t r = 0; r < sources.size(); ++r) {
            Head head{{}, r};
            if (sources[r]->read(head.entry)) heads.push_back(std::move(head));
        }
        std::make_heap(heads.begin(), heads.end(), greater);
        while (!heads.empty()) {
            std::pop_heap(heads.begin(), heads.end(), greater);
            Head& head = heads.back();
            sink(head.entry);
            if (sources[head.run]->read(head.entry)) {
                std::push_heap(heads.begin(), heads.end(), greater);
            } else {
                heads.pop_back();
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
            merge(group, [&](const Entry& entry) { merged->write(entry); });
            merged->rewind();
            runs.push_back(std::move(merged));
        }
    }

    void spill() {
        sort_buffer();
        auto run = std::make_unique<Run>(directory);
        for (std::size_t i = 0; i < used; ++i) run->write(buffer[i]);
        run->rewind();
        runs.push_back(std::move(run));
        ++spilled;
        used = 0;
        buffered_bytes = 0;
    }
};

SeriesSorter::SeriesSorter(std::filesystem::path spill_directory, std::size_t memory_budget)
    : impl_(std::make_unique<Impl>()) {
    impl_->directory = std::move(spill_directory);
    impl_->budget = memory_budget;
}

SeriesSorter::~SeriesSorter() = default;

void SeriesSorter::add(const Observation& observation, std::uint64_t source_line) {
    auto& buffer = impl_->buffer;
    if (impl_->used == buffer.size()) buffer.emplace_back();
    Entry& entry = buffer[impl_->used++];
    entry.observation = observation;  // reuses the storage of an earlier entry
    entry.line = source_line;
    impl_->buffered_bytes += footprint(entry.observation);
    ++impl_->count;
    if (impl_->buffered_bytes >= impl_->budget) impl_->spill();
}

void SeriesSorter::replay(const Emit& emit, const Duplicate& duplicate) {
    Entry previous;
    bool have_previous = false;
    auto deliver = [&](const Entry& entry) {
        if (have_previous && previous.observation.key == entry.observation.key) {
            duplicate(previous.observation, previous.line, entry.observation, entry.line);
            return;
        }
        emit(entry.observation);
        previous = entry;  // assignment reuses the strings' storage
        have_previous = true;
    };

    if (impl_->runs.empty()) {
        impl_->sort_buffer();
        for (std::size_t i = 0; i < impl_->used; ++i) deliver(impl_->buffer[i]);
    } else {
        if (impl_->used > 0) impl_->spill();
        impl_->reduce_runs();
        Impl::merge(impl_->runs, deliver);
    }
    impl_->buffer.clear();
    impl_->used = 0;
    impl_->buffered_bytes = 0;
    impl_->runs.clear();
}

std::size_t SeriesSorter::runs_spilled() const {
    return impl_->spilled;
}

std::uint64_t SeriesSorter::observations() const {
    return impl_->count;
}

}  // namespace csdmx::sdmx
