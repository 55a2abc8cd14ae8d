#include "core/output_buffer.h"

#include <sys/mman.h>

#include <new>

namespace csdmx {

namespace {

// Below this, new[] (malloc's own pools); from here, a mapping of whole huge pages.
constexpr std::size_t kMappedFrom = std::size_t{2} << 20;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

char* map_bytes(std::size_t& capacity) {
    capacity = (capacity + kHugePage - 1) / kHugePage * kHugePage;
    void* bytes = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (bytes == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(bytes, capacity, MADV_HUGEPAGE);  // a hint: refused or absent, pages are small
#endif
    return static_cast<char*>(bytes);
}

void release(char* data, std::size_t capacity, bool mapped) {
    if (data == nullptr) return;
    if (mapped) {
        ::munmap(data, capacity);
    } else {
        delete[] data;
    }
}

}  // namespace

OutputBuffer::~OutputBuffer() {
    release(data_, capacity_, mapped_);
}

void OutputBuffer::reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    const bool mapped = capacity >= kMappedFrom;
    char* bigger = mapped ? map_bytes(capacity) : new char[capacity];
    if (size_ > 0) std::memcpy(bigger, data_, size_);
    release(data_, capacity_, mapped_);
    data_ = bigger;
    capacity_ = capacity;
    mapped_ = mapped;
}

void OutputBuffer::grow(std::size_t more) {
    std::size_t capacity = capacity_ > 0 ? capacity_ * 2 : 4096;
    while (capacity - size_ < more) capacity *= 2;
    reserve(capacity);
}

}  // namespace csdmx
