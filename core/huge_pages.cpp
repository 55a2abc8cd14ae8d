#include "core/huge_pages.h"

#include <sys/mman.h>

namespace csdmx {

namespace {
std::size_t mapped_size(std::size_t bytes) {
    return (bytes + kHugePageThreshold - 1) / kHugePageThreshold * kHugePageThreshold;
}
}  // namespace

void* allocate_large(std::size_t bytes) {
    if (bytes < kHugePageThreshold) return ::operator new(bytes);
    void* memory = ::mmap(nullptr, mapped_size(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(memory, mapped_size(bytes), MADV_HUGEPAGE);  // a hint: refused or absent, pages stay small
#endif
    return memory;
}

void free_large(void* memory, std::size_t bytes) {
    if (memory == nullptr) return;
    if (bytes < kHugePageThreshold) {
        ::operator delete(memory);
    } else {
        ::munmap(memory, mapped_size(bytes));
    }
}

}  // namespace csdmx
