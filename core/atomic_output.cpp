#include "core/atomic_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <system_error>

#include "core/diagnostic.h"
#include "core/direct_file_writer.h"
#include "core/write_all.h"

namespace csdmx {

namespace {
constexpr std::size_t kStreamBufferBytes = 1 << 20;
constexpr std::size_t kDirectWriteBytes = 1 << 16;
constexpr std::uint64_t kWritebackBytes = 8 << 20;

std::string errno_text() {
    return std::strerror(errno);
}
}  // namespace

AtomicOutputFile::AtomicOutputFile(std::filesystem::path final_path, std::uint64_t direct_from)
    : final_path_(std::move(final_path)), direct_from_(direct_from) {
    auto directory = final_path_.parent_path();
    if (directory.empty()) directory = ".";
    std::error_code ignored;
    std::filesystem::create_directories(directory, ignored);
    // Same directory as the final file, so rename() is atomic (no cross-device move).
    std::string pattern = (directory / temporary_name_template(final_path_.filename().string())).string();
    // A signal between mkstemp and the registration would leave the file behind.
    const SignalDeferral signals_wait;
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        throw EnvironmentError("cannot create a temporary file in " + directory.string() + ": " + errno_text());
    }
    ::fchmod(fd, 0644);
    temp_path_ = pattern;
    registration_ = TemporaryRegistration(temp_path_);
    stream_ = ::fdopen(fd, "wb");
    if (stream_ == nullptr) {
        ::close(fd);
        ::unlink(temp_path_.c_str());
        throw EnvironmentError("cannot open " + temp_path_.string() + ": " + errno_text());
    }
    std::setvbuf(stream_, nullptr, _IOFBF, kStreamBufferBytes);
}

AtomicOutputFile::~AtomicOutputFile() {
    direct_.reset();  // its thread stops before the file closes
    if (stream_ != nullptr) std::fclose(stream_);
    if (!committed_) ::unlink(temp_path_.c_str());
    registration_.release();
}

void AtomicOutputFile::write(std::string_view bytes) {
    if (bytes.empty()) return;
    if (stream_ == nullptr) throw EnvironmentError("write after finish: " + final_path_.string());
    if (direct_) {
        if (!direct_->write(bytes))
            throw EnvironmentError("cannot write " + final_path_.string() + ": " + direct_->error());
        bytes_written_ += bytes.size();
        return;
    }
    if (bytes.size() >= kDirectWriteBytes && bytes_written_ + bytes.size() >= direct_from_ && start_direct(bytes))
        return;
    if (bytes.size() >= kDirectWriteBytes) {
        // Writers hand over blocks of 64 KiB and more: copying them through the
        // stream's buffer first was a memcpy of every byte for nothing.
        if (std::fflush(stream_) != 0 || !write_all(::fileno(stream_), bytes)) {
            throw EnvironmentError("cannot write " + final_path_.string() + ": " + errno_text());
        }
        start_writeback(bytes_written_ + bytes.size());
    } else if (std::fwrite(bytes.data(), 1, bytes.size(), stream_) != bytes.size()) {
        throw EnvironmentError("cannot write " + final_path_.string() + ": " + errno_text());
    }
    bytes_written_ += bytes.size();
}

bool AtomicOutputFile::start_direct(std::string_view bytes) {
    // Direct writes start at a page boundary: the bytes up to it go through the stream.
    const std::size_t head = static_cast<std::size_t>(
        (DirectFileWriter::kAlignment - bytes_written_ % DirectFileWriter::kAlignment) % DirectFileWriter::kAlignment);
    if (head > bytes.size()) return false;
    if (std::fflush(stream_) != 0 || !write_all(::fileno(stream_), bytes.substr(0, head))) {
        throw EnvironmentError("cannot write " + final_path_.string() + ": " + errno_text());
    }
    bytes_written_ += head;
    bytes.remove_prefix(head);
    try {
        direct_ = std::make_unique<DirectFileWriter>(temp_path_, ::fileno(stream_), bytes_written_);
    } catch (const std::system_error&) {  // no thread to be had
    } catch (const std::bad_alloc&) {     // no blocks
    }
    if (!direct_) {  // the stream carries on, for this file's every byte
        direct_from_ = UINT64_MAX;
        write(bytes);
        return true;
    }
    if (!direct_->write(bytes))
        throw EnvironmentError("cannot write " + final_path_.string() + ": " + direct_->error());
    bytes_written_ += bytes.size();
    return true;
}

void AtomicOutputFile::start_writeback(std::uint64_t file_size) {
#ifdef __linux__
    // finish() syncs the file, and waited for every byte of a large message to reach
    // the disk after the last was written (a tenth of a 10^6-observation convert).
    // Asking the kernel to start writing each few MiB as they come lets the disk work
    // while the rest is computed, and keeps dirty pages few. A hint: if it fails, the
    // final fsync still does the work.
    if (file_size - writeback_started_ < kWritebackBytes) return;
    ::sync_file_range(::fileno(stream_), static_cast<off_t>(writeback_started_),
                      static_cast<off_t>(file_size - writeback_started_), SYNC_FILE_RANGE_WRITE);
    writeback_started_ = file_size;
#else
    (void)file_size;
#endif
}

void AtomicOutputFile::finish() {
    if (stream_ == nullptr) return;
    std::FILE* stream = stream_;
    stream_ = nullptr;
    bool ok = std::fflush(stream) == 0;
    std::string reason = ok ? std::string() : errno_text();
    if (ok && direct_) {
        ok = direct_->finish();
        if (!ok) reason = direct_->error();
        direct_.reset();
    }
    if (ok && ::fsync(::fileno(stream)) != 0) {
        ok = false;
        reason = errno_text();
    }
    if (std::fclose(stream) != 0 && ok) {
        ok = false;
        reason = errno_text();
    }
    if (!ok) throw EnvironmentError("cannot write " + final_path_.string() + ": " + reason);
}

void AtomicOutputFile::commit() {
    finish();
    if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
        throw EnvironmentError("cannot rename " + temp_path_.string() + " to " + final_path_.string() + ": " +
                               errno_text());
    }
    committed_ = true;
    registration_.release();
}

AtomicOutputFile& OutputSet::add(const std::filesystem::path& final_path) {
    files_.push_back(std::make_unique<AtomicOutputFile>(final_path));
    return *files_.back();
}

namespace {

// A hard link to the file a commit replaces, so a rollback can put it back.
struct Backup {
    std::filesystem::path path;  // empty: there was no file under the final name
    TemporaryRegistration registration;
};

std::filesystem::path link_backup(const std::filesystem::path& final_path) {
    static std::atomic<unsigned> counter{0};
    const auto directory = final_path.parent_path().empty() ? std::filesystem::path(".") : final_path.parent_path();
    std::string name = temporary_name_template(final_path.filename().string());
    name.resize(name.size() - 6);  // the XXXXXX
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[8];
        std::snprintf(suffix, sizeof suffix, "b%05u", (counter++) % 100000);
        auto backup = directory / (name + suffix);
        if (::link(final_path.c_str(), backup.c_str()) == 0) return backup;
        if (errno != EEXIST) {
            throw EnvironmentError("cannot keep " + final_path.string() + " while replacing it: " + errno_text());
        }
    }
    throw EnvironmentError("cannot keep " + final_path.string() + " while replacing it: no free name");
}

void sync_directory(const std::filesystem::path& directory) {
    int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

void OutputSet::commit_all() {
    // Finish everything first: a failure here leaves no output under a final name.
    for (auto& file : files_) file->finish();
    const SignalDeferral signals_wait;
    std::vector<Backup> backups(files_.size());
    const auto drop_backups = [&] {
        for (auto& backup : backups) {
            if (!backup.path.empty()) ::unlink(backup.path.c_str());
            backup.registration.release();
        }
    };
    try {
        for (std::size_t i = 0; i < files_.size(); ++i) {
            struct stat existing {};
            if (::lstat(files_[i]->final_path().c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
                backups[i].path = link_backup(files_[i]->final_path());
                backups[i].registration = TemporaryRegistration(backups[i].path);
            }
        }
    } catch (...) {
        drop_backups();
        throw;
    }
    for (std::size_t i = 0; i < files_.size(); ++i) {
        auto& file = *files_[i];
        if (::rename(file.temp_path().c_str(), file.final_path().c_str()) == 0) {
            file.committed_ = true;
            file.registration_.release();
            continue;
        }
        std::string reason =
            "cannot rename " + file.temp_path().string() + " to " + file.final_path().string() + ": " + errno_text();
        // Undo the renames done: put back what they replaced, remove what was new.
        std::string not_undone;
        for (std::size_t j = 0; j < i; ++j) {
            const auto& done = files_[j]->final_path();
            const bool undone = backups[j].path.empty() ? ::unlink(done.c_str()) == 0
                                                        : ::rename(backups[j].path.c_str(), done.c_str()) == 0;
            if (undone) {
                backups[j].path.clear();
            } else {
                not_undone += " ";
                not_undone += done.string() + " (" + errno_text() + ")";
            }
        }
        drop_backups();
        reason += not_undone.empty() ? "; no output was replaced" : "; could not undo the replacement of";
        reason += not_undone;
        throw EnvironmentError(reason);
    }
    drop_backups();
    // Make the renames themselves durable.
    std::vector<std::filesystem::path> directories;
    for (const auto& file : files_) {
        const auto directory = file->final_path().parent_path();
        if (std::find(directories.begin(), directories.end(), directory) == directories.end()) {
            directories.push_back(directory);
        }
    }
    for (const auto& directory : directories) sync_directory(directory);
}

std::vector<std::filesystem::path> OutputSet::final_paths() const {
    std::vector<std::filesystem::path> paths;
    for (const auto& file : files_) paths.push_back(file->final_path());
    return paths;
}

}  // namespace csdmx
