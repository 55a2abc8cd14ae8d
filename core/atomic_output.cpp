#include "core/atomic_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/diagnostic.h"

namespace csdmx {

namespace {
constexpr std::size_t kStreamBufferBytes = 1 << 20;

std::string errno_text() {
    return std::strerror(errno);
}
}  // namespace

AtomicOutputFile::AtomicOutputFile(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
    auto directory = final_path_.parent_path();
    if (directory.empty()) directory = ".";
    std::error_code ignored;
    std::filesystem::create_directories(directory, ignored);
    // Same directory as the final file, so rename() is atomic (no cross-device move).
    std::string pattern = (directory / ("." + final_path_.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        throw EnvironmentError("cannot create a temporary file in " + directory.string() + ": " + errno_text());
    }
    ::fchmod(fd, 0644);
    temp_path_ = pattern;
    stream_ = ::fdopen(fd, "wb");
    if (stream_ == nullptr) {
        ::close(fd);
        ::unlink(temp_path_.c_str());
        throw EnvironmentError("cannot open " + temp_path_.string() + ": " + errno_text());
    }
    std::setvbuf(stream_, nullptr, _IOFBF, kStreamBufferBytes);
}

AtomicOutputFile::~AtomicOutputFile() {
    if (stream_ != nullptr) std::fclose(stream_);
    if (!committed_) ::unlink(temp_path_.c_str());
}

void AtomicOutputFile::write(std::string_view bytes) {
    if (bytes.empty()) return;
    if (stream_ == nullptr) throw EnvironmentError("write after finish: " + final_path_.string());
    if (std::fwrite(bytes.data(), 1, bytes.size(), stream_) != bytes.size()) {
        throw EnvironmentError("cannot write " + final_path_.string() + ": " + errno_text());
    }
    bytes_written_ += bytes.size();
}

void AtomicOutputFile::finish() {
    if (stream_ == nullptr) return;
    std::FILE* stream = stream_;
    stream_ = nullptr;
    bool ok = std::fflush(stream) == 0 && ::fsync(::fileno(stream)) == 0;
    std::string reason = ok ? std::string() : errno_text();
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
}

AtomicOutputFile& OutputSet::add(const std::filesystem::path& final_path) {
    files_.push_back(std::make_unique<AtomicOutputFile>(final_path));
    return *files_.back();
}

void OutputSet::commit_all() {
    // Finish everything first: a failure here leaves no output under a final name.
    for (auto& file : files_) file->finish();
    for (auto& file : files_) file->commit();
    // Make the renames themselves durable.
    if (!files_.empty()) {
        auto directory = files_.front()->final_path().parent_path();
        int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
}

std::vector<std::filesystem::path> OutputSet::final_paths() const {
    std::vector<std::filesystem::path> paths;
    for (const auto& file : files_) paths.push_back(file->final_path());
    return paths;
}

}  // namespace csdmx
