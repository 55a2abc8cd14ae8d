// Writes every byte to a file descriptor: write(2) may take fewer bytes than asked
// or be interrupted by a signal. For writers that keep their own large buffers and
// hand blocks straight to the kernel (atomic output files, the sorter's runs).
#pragma once

#include <cstdint>
#include <string_view>

namespace csdmx {

// False with errno set when the kernel refuses (disk full, I/O error).
bool write_all(int fd, std::string_view bytes);
// The same at `offset`, leaving the descriptor's position alone (pwrite(2)); a
// write that takes no bytes is an error too (EIO), not a loop.
bool pwrite_all(int fd, std::string_view bytes, std::uint64_t offset);

}  // namespace csdmx
