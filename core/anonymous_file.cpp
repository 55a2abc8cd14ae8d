#include "core/anonymous_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/diagnostic.h"

namespace csdmx {

int open_anonymous_file(const std::filesystem::path& directory, std::string_view purpose) {
#ifdef O_TMPFILE
    // Refused by the file system (or the kernel), the named way below is taken. Any
    // other error (no such folder, no permission) it meets and reports too.
    const int nameless = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (nameless >= 0) return nameless;
#endif
    std::string pattern = (directory / ".citizen-sdmx-").string();
    pattern.append(purpose).append(".XXXXXX");
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
        throw EnvironmentError("cannot create a temporary " + std::string(purpose) + " file in " + directory.string() +
                               ": " + std::strerror(errno));
    }
    ::unlink(pattern.c_str());
    return fd;
}

}  // namespace csdmx
