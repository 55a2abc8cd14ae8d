// Writes every byte to a file descriptor: write(2) may take fewer bytes than asked
// or be interrupted by a signal. For writers that keep their own large buffers and
// hand blocks straight to the kernel (atomic output files, the sorter's runs).
#pragma once

#include <string_view>

namespace csdmx {

// False with errno set when the kernel refuses (disk full, I/O error).
bool write_all(int fd, std::string_view bytes);

}  // namespace csdmx
