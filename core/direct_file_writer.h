// Writes the rest of a large file past the page cache, from a thread of its own.
//
// Copying a multi-gigabyte message into the page cache cost the converting thread
// as much system time as its own work (2x10^7 observations, 6.4 GB: 7 to 11 s of
// system time on a two-core VM), and the final fsync then waited for the disk. Here
// the bytes are gathered into aligned blocks that a background thread writes with
// O_DIRECT: the disk reads them from this process's memory, the converting thread
// fills the next block meanwhile, and at the end only the last block is left.
//
// Where the file system refuses O_DIRECT (EINVAL), the blocks go through the page
// cache as before, still from the background thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace csdmx {

class DirectFileWriter {
public:
    // Offsets and block sizes of direct writes are multiples of this (every Linux
    // file system's logical block size divides it).
    static constexpr std::size_t kAlignment = 4096;
    // 256 KiB: a 2x10^7-observation convert to SS and generic (two files of 3 GB)
    // took as long as with 1 MiB blocks (13.6 s and 13.7 s, medians of 3), and the
    // blocks of both files stay within a tenth of the process's memory.
    static constexpr std::size_t kBlockBytes = std::size_t{256} << 10;
    static constexpr std::size_t kBlocks = 3;  // one being filled, two being written

    // `path` names the file `buffered_fd` has open (not owned), whose first `offset`
    // bytes (a multiple of kAlignment) are written. `try_direct` false: through the
    // page cache from the start (the fallback, for tests).
    DirectFileWriter(const std::filesystem::path& path, int buffered_fd, std::uint64_t offset, bool try_direct = true);
    // Stops the thread; bytes not yet written by finish() are dropped.
    ~DirectFileWriter();
    DirectFileWriter(const DirectFileWriter&) = delete;
    DirectFileWriter& operator=(const DirectFileWriter&) = delete;

    // False when a write failed (this or an earlier block's): error() says why.
    bool write(std::string_view bytes);
    // Writes what is left and waits for every block; the caller then fsyncs
    // buffered_fd (the last partial page goes through the page cache).
    bool finish();
    const std::string& error() const { return error_; }
    // Whether blocks go past the page cache (false once the file system refused).
    bool direct() const;

private:
    struct Block {
        char* bytes = nullptr;
        std::size_t size = 0;
        std::uint64_t offset = 0;
    };
    struct FreeAligned {
        void operator()(char* bytes) const;
    };

    // The background thread: writes queued blocks in order until told to stop.
    void write_blocks();
    // Writes one block; false with failure_ set.
    bool write_block(const Block& block);
    // Hands the block being filled to the thread and takes a free one (waiting for it).
    bool hand_over();

    int buffered_fd_;
    int direct_fd_ = -1;
    std::vector<std::unique_ptr<char, FreeAligned>> storage_;
    Block filling_;
    std::uint64_t next_offset_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Block> queued_;  // guarded by mutex_
    std::vector<char*> free_;   // guarded by mutex_
    bool writing_ = false;      // guarded by mutex_: the thread holds a block
    bool stopping_ = false;     // guarded by mutex_
    bool use_direct_ = false;   // guarded by mutex_
    std::string failure_;       // guarded by mutex_: the first error, with errno's text
    std::string error_;         // the caller's copy of failure_
    std::thread thread_;
};

}  // namespace csdmx
