#include "core/direct_file_writer.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <new>

#include "core/write_all.h"

namespace csdmx {

void DirectFileWriter::FreeAligned::operator()(char* bytes) const {
    std::free(bytes);
}

DirectFileWriter::DirectFileWriter(const std::filesystem::path& path, int buffered_fd, std::uint64_t offset,
                                   bool try_direct)
    : buffered_fd_(buffered_fd), next_offset_(offset) {
#ifdef O_DIRECT
    if (try_direct && offset % kAlignment == 0) direct_fd_ = ::open(path.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);
#else
    (void)path;
    (void)try_direct;
#endif
    use_direct_ = direct_fd_ >= 0;
    for (std::size_t i = 0; i < kBlocks; ++i) {
        auto* bytes = static_cast<char*>(std::aligned_alloc(kAlignment, kBlockBytes));
        if (bytes == nullptr) {
            if (direct_fd_ >= 0) ::close(direct_fd_);
            throw std::bad_alloc();
        }
        storage_.emplace_back(bytes);
        free_.push_back(bytes);
    }
    filling_.bytes = free_.back();
    free_.pop_back();
    // The thread takes no signals: SIGINT and SIGTERM stay with the threads whose
    // handlers know what they were doing (core/temporary_files.h).
    sigset_t all_signals, previous;
    sigfillset(&all_signals);
    pthread_sigmask(SIG_BLOCK, &all_signals, &previous);
    try {
        thread_ = std::thread([this] { write_blocks(); });
    } catch (...) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        if (direct_fd_ >= 0) ::close(direct_fd_);
        throw;
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

DirectFileWriter::~DirectFileWriter() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        for (const Block& block : queued_) free_.push_back(block.bytes);
        queued_.clear();
    }
    changed_.notify_all();
    thread_.join();
    if (direct_fd_ >= 0) ::close(direct_fd_);
}

bool DirectFileWriter::direct() const {
    const std::lock_guard lock(mutex_);
    return use_direct_;
}

bool DirectFileWriter::write(std::string_view bytes) {
    if (!error_.empty()) return false;
    while (!bytes.empty()) {
        const std::size_t room = kBlockBytes - filling_.size;
        const std::size_t take = std::min(room, bytes.size());
        std::memcpy(filling_.bytes + filling_.size, bytes.data(), take);
        filling_.size += take;
        bytes.remove_prefix(take);
        if (filling_.size == kBlockBytes && !hand_over()) return false;
    }
    return true;
}

bool DirectFileWriter::hand_over() {
    filling_.offset = next_offset_;
    next_offset_ += filling_.size;
    std::unique_lock lock(mutex_);
    queued_.push_back(filling_);
    filling_ = Block{};
    changed_.notify_all();
    changed_.wait(lock, [this] { return !free_.empty() || !failure_.empty(); });
    if (!failure_.empty()) {
        error_ = failure_;
        return false;
    }
    filling_.bytes = free_.back();
    free_.pop_back();
    return true;
}

bool DirectFileWriter::finish() {
    if (!error_.empty()) return false;
    // Whole pages go the way of the other blocks; the last partial page through the
    // page cache (direct writes are whole pages), at its place after them.
    const std::size_t whole = filling_.size - filling_.size % kAlignment;
    const std::string last_page(filling_.bytes + whole, filling_.size - whole);
    const std::uint64_t last_page_offset = next_offset_ + whole;
    filling_.size = whole;
    if (whole > 0 && !hand_over()) return false;
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return (queued_.empty() && !writing_) || !failure_.empty(); });
        if (!failure_.empty()) {
            error_ = failure_;
            return false;
        }
    }
    if (!pwrite_all(buffered_fd_, last_page, last_page_offset)) {
        error_ = std::strerror(errno);
        return false;
    }
    return true;
}

void DirectFileWriter::write_blocks() {
    for (;;) {
        Block block;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
            if (queued_.empty()) return;  // stopping, nothing left
            block = queued_.front();
            queued_.pop_front();
            writing_ = failure_.empty();
            if (!writing_) {  // after a failure blocks are dropped: the file is abandoned
                free_.push_back(block.bytes);
                changed_.notify_all();
                continue;
            }
        }
        write_block(block);
        {
            const std::lock_guard lock(mutex_);
            free_.push_back(block.bytes);
            writing_ = false;
        }
        changed_.notify_all();
    }
}

bool DirectFileWriter::write_block(const Block& block) {
    std::string_view rest(block.bytes, block.size);
    std::uint64_t offset = block.offset;
    const auto fail = [this](int error) {
        const std::lock_guard lock(mutex_);
        failure_ = std::strerror(error);
        return false;
    };
    while (!rest.empty() && direct_fd_ >= 0 && direct()) {
        const ssize_t written = ::pwrite(direct_fd_, rest.data(), rest.size(), static_cast<off_t>(offset));
        const int error = written < 0 ? errno : 0;
        if (error == EINTR) continue;
        if (written == 0 || (error != 0 && error != EINVAL)) return fail(error != 0 ? error : EIO);
        // Refused (the file system takes no direct writes, or not of this alignment),
        // or a short write left the rest unaligned: the page cache takes the rest of the file.
        if (error == EINVAL || written % static_cast<ssize_t>(kAlignment) != 0) {
            const std::lock_guard lock(mutex_);
            use_direct_ = false;
        }
        if (written > 0) {
            rest.remove_prefix(static_cast<std::size_t>(written));
            offset += static_cast<std::uint64_t>(written);
        }
    }
    if (!rest.empty() && !pwrite_all(buffered_fd_, rest, offset)) return fail(errno);
    return true;
}

}  // namespace csdmx
