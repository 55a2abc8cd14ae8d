// A hash for the short strings looked up once or more per observation (codes,
// periods, interned key values).
//
// std::hash<std::string> is an out-of-line Murmur pass; on codes of a few bytes
// it and the table lookup around it were several percent of a convert. This one
// is inline, reads eight bytes at a time and mixes with two multiplications. Like
// std::hash it is not keyed: tables using it must bound their probing or size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace csdmx {

inline std::uint64_t hash_string(std::string_view text) {
    std::uint64_t hash = 0x9E3779B97F4A7C15u ^ text.size();
    const char* bytes = text.data();
    std::size_t size = text.size();
    while (size >= 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes, sizeof word);
        hash = (hash ^ word) * 0xFF51AFD7ED558CCDu;
        hash ^= hash >> 32;
        bytes += 8;
        size -= 8;
    }
    std::uint64_t tail = 0;
    for (std::size_t i = 0; i < size; ++i) tail |= std::uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * i);
    hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53u;
    return hash ^ (hash >> 29);
}

// Whether the first and the last sizeof(Word) bytes of x and y are equal (size at
// least sizeof(Word)): two overlapping loads cover every byte up to twice the size.
template <typename Word>
bool same_ends(const char* x, const char* y, std::size_t size) {
    Word x_front, y_front, x_back, y_back;
    std::memcpy(&x_front, x, sizeof(Word));
    std::memcpy(&y_front, y, sizeof(Word));
    std::memcpy(&x_back, x + size - sizeof(Word), sizeof(Word));
    std::memcpy(&y_back, y + size - sizeof(Word), sizeof(Word));
    return ((x_front ^ y_front) | (x_back ^ y_back)) == 0;
}

// Whether two strings are equal, inline for up to 16 bytes (two overlapping 8- or
// 4-byte loads from each, never past either end): the texts compared per
// observation are codes of a few bytes, where a call to memcmp was most of the cost.
[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) {
    const std::size_t size = a.size();
    if (size != b.size()) return false;
    const char* x = a.data();
    const char* y = b.data();
    if (size > 16) return std::memcmp(x, y, size) == 0;
    if (size >= 8) return same_ends<std::uint64_t>(x, y, size);
    if (size >= 4) return same_ends<std::uint32_t>(x, y, size);
    // 0 to 3 bytes: the first, middle and last byte are all of them.
    return size == 0 || (x[0] == y[0] && x[size / 2] == y[size / 2] && x[size - 1] == y[size - 1]);
}

// The equality that goes with StringHash, transparent as it is.
struct StringEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return same_text(a, b); }
};

// For std::unordered_map<std::string, T, StringHash, StringEqual>: finds by
// std::string_view too, without building a string.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return static_cast<std::size_t>(hash_string(text)); }
    std::size_t operator()(const std::string& text) const { return operator()(std::string_view(text)); }
    std::size_t operator()(const char* text) const { return operator()(std::string_view(text)); }
};

}  // namespace csdmx
