#include "core/output_buffer.h"

#include "core/huge_pages.h"

namespace csdmx {

OutputBuffer::~OutputBuffer() {
    free_large(data_, capacity_);
}

void OutputBuffer::reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    auto* bigger = static_cast<char*>(allocate_large(capacity));
    if (size_ > 0) std::memcpy(bigger, data_, size_);
    free_large(data_, capacity_);
    data_ = bigger;
    capacity_ = capacity;
}

void OutputBuffer::release() {
    free_large(data_, capacity_);
    data_ = nullptr;
    size_ = capacity_ = 0;
}

void OutputBuffer::grow(std::size_t more) {
    std::size_t capacity = capacity_ > 0 ? capacity_ * 2 : 4096;
    while (capacity - size_ < more) capacity *= 2;
    reserve(capacity);
}

}  // namespace csdmx
