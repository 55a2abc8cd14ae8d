// Memory for large working arrays (sort keys, record buffers), mapped with
// transparent huge pages where the kernel offers them (madvise mode).
//
// A 10^6-observation convert touches tens of megabytes once; with 4 KiB pages
// that is thousands of page faults, which on a virtual machine cost a tenth of
// the run. With 2 MiB pages it is a handful. Small sizes use operator new.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace csdmx {

// Below this many bytes, ordinary allocation.
inline constexpr std::size_t kHugePageThreshold = std::size_t{2} << 20;

void* allocate_large(std::size_t bytes);
void free_large(void* memory, std::size_t bytes);

// A std::allocator for vectors that may grow to megabytes.
template <typename T>
struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>& /*other*/) {}
    T* allocate(std::size_t count) { return static_cast<T*>(allocate_large(count * sizeof(T))); }
    void deallocate(T* memory, std::size_t count) { free_large(memory, count * sizeof(T)); }
    // resize(n) default-initialises: sort keys about to be overwritten are not
    // zeroed first (the kernel already zeroes fresh pages once).
    template <typename U>
    void construct(U* place) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(place)) U;
    }
    template <typename U, typename... Arguments>
    void construct(U* place, Arguments&&... arguments) {
        ::new (static_cast<void*>(place)) U(std::forward<Arguments>(arguments)...);
    }
    template <typename U>
    bool operator==(const HugePageAllocator<U>& /*other*/) const {
        return true;
    }
};

// A vector of megabytes on huge pages, not zeroed by resize().
template <typename T>
using LargeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace csdmx
