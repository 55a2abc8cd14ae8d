// An append-only byte buffer for writers and sorters that emit millions of small pieces.
//
// std::string's append is an out-of-line call with its own capacity check per
// piece, and a writer makes several per XML attribute or CSV cell. Here an append
// is an inline capacity check and a memcpy; the rare growth is out of line.
// Buffers of megabytes get huge pages (core/huge_pages.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace csdmx {

// The first and the last sizeof(Word) bytes of `size` (at least sizeof(Word), at
// most twice that): two overlapping loads and stores cover every byte.
template <typename Word>
[[gnu::always_inline]] inline void copy_ends(char* to, const char* from, std::size_t size) {
    Word front, back;
    std::memcpy(&front, from, sizeof(Word));
    std::memcpy(&back, from + size - sizeof(Word), sizeof(Word));
    std::memcpy(to, &front, sizeof(Word));
    std::memcpy(to + size - sizeof(Word), &back, sizeof(Word));
}

// memcpy for pieces that do not overlap, inline up to 16 bytes: most pieces are
// codes, periods, numbers and tag names of a few bytes, and the call to memcpy
// (with its size dispatch) cost more than copying them (as same_text in
// core/string_hash.h compares them).
[[gnu::always_inline]] inline void copy_bytes(char* to, const char* from, std::size_t size) {
    if (size > 16) {
        std::memcpy(to, from, size);
    } else if (size >= 8) {
        copy_ends<std::uint64_t>(to, from, size);
    } else if (size >= 4) {
        copy_ends<std::uint32_t>(to, from, size);
    } else if (size > 0) {  // 1 to 3 bytes: the first, middle and last are all of them
        const char first = from[0], middle = from[size / 2], last = from[size - 1];
        to[0] = first;
        to[size / 2] = middle;
        to[size - 1] = last;
    }
}

class OutputBuffer {
public:
    explicit OutputBuffer(std::size_t capacity = 4096) { reserve(capacity); }
    ~OutputBuffer();
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;

    void append(const char* data, std::size_t size) {
        if (size > capacity_ - size_) grow(size);
        copy_bytes(data_ + size_, data, size);
        size_ += size;
    }
    void append(std::string_view bytes) { append(bytes.data(), bytes.size()); }
    void push_back(char byte) {
        if (size_ == capacity_) grow(1);
        data_[size_++] = byte;
    }

    // Room for `size` more bytes; then `tail()` may be written and `commit(n)` says how many were.
    char* tail(std::size_t size) {
        if (size > capacity_ - size_) grow(size);
        return data_ + size_;
    }
    void commit(std::size_t size) { size_ += size; }

    // At least `capacity` bytes without growing (contents kept).
    void reserve(std::size_t capacity);

    const char* data() const { return data_; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }
    // Empties the buffer and gives its memory back (a buffer that waits idle holds none).
    void release();
    // Drops the bytes from `size` on (size at most size()).
    void truncate(std::size_t size) { size_ = size; }
    std::string_view view() const { return {data_, size_}; }

private:
    void grow(std::size_t more);

    char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace csdmx
