// Output files that appear under their final name only when complete.
//
// Every converter output is written to a hidden temporary file in the target
// directory (named as core/temporary_files.h says) and renamed over the final name
// after a successful fsync, so a reader (or a registry loader watching the folder)
// never sees a half-written message, whatever happens to the process.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "core/byte_sink.h"
#include "core/temporary_files.h"

namespace csdmx {

class DirectFileWriter;

class AtomicOutputFile final : public ByteSink {
public:
    // Past `direct_from` bytes the rest of the file goes past the page cache
    // (core/direct_file_writer.h). Not sooner: up to a few hundred MiB the kernel
    // recycles warm pages and the copy is cheap, and a 10^6-observation message
    // (75 MB structure-specific, 255 MB generic) measured no faster, if anything
    // slower, through the thread and its blocks.
    static constexpr std::uint64_t kDirectFromBytes = std::uint64_t{256} << 20;
    explicit AtomicOutputFile(std::filesystem::path final_path, std::uint64_t direct_from = kDirectFromBytes);
    ~AtomicOutputFile() override;
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

    void write(std::string_view bytes) override;
    // Flushes and fsyncs the temporary file; the final name is untouched.
    void finish();
    // Renames the finished temporary file to its final name.
    void commit();

    const std::filesystem::path& final_path() const { return final_path_; }
    const std::filesystem::path& temp_path() const { return temp_path_; }
    std::uint64_t bytes_written() const { return bytes_written_; }

private:
    // After the first `file_size` bytes are in the file: starts writing them to the disk.
    void start_writeback(std::uint64_t file_size);
    // Writes `bytes` and has every later byte go through a DirectFileWriter (or, when
    // none can be started, through the stream); false when `bytes` does not reach the
    // next page boundary (never with the writers' blocks of 64 KiB and more).
    bool start_direct(std::string_view bytes);

    std::filesystem::path final_path_;
    std::filesystem::path temp_path_;
    std::FILE* stream_ = nullptr;
    std::uint64_t bytes_written_ = 0;
    std::uint64_t writeback_started_ = 0;  // bytes from the start handed to the disk ahead of finish()
    std::uint64_t direct_from_;
    std::unique_ptr<DirectFileWriter> direct_;  // once set, every byte goes through it
    bool committed_ = false;
    TemporaryRegistration registration_;  // removed on SIGINT/SIGTERM until committed
    friend class OutputSet;
};

// A group of outputs that land together: either all are renamed or none.
class OutputSet {
public:
    AtomicOutputFile& add(const std::filesystem::path& final_path);
    // Renames every file to its final name. When one rename fails, those already
    // done are undone (the files they replaced restored from hard links taken
    // before), so the folder is as it was, and EnvironmentError says why.
    // SIGINT/SIGTERM wait until the set is all renamed or all rolled back.
    void commit_all();
    std::vector<std::filesystem::path> final_paths() const;

private:
    std::vector<std::unique_ptr<AtomicOutputFile>> files_;
};

}  // namespace csdmx
