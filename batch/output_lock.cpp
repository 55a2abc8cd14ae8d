#include "batch/output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/diagnostic.h"

namespace csdmx::batch {

OutputFolderLock::OutputFolderLock(const std::filesystem::path& folder) {
    fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
        throw EnvironmentError("cannot open the output folder " + folder.string() + ": " + std::strerror(errno));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) {
        throw EnvironmentError("another citizen-sdmx batch is converting into " + folder.string() +
                               "; wait until it ends, or give this one another --out");
    }
    throw EnvironmentError("cannot lock the output folder " + folder.string() + ": " + std::strerror(error));
}

OutputFolderLock::~OutputFolderLock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace csdmx::batch
