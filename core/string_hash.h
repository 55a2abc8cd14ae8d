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

// For std::unordered_map<std::string, T, StringHash, std::equal_to<>>: finds by
// std::string_view too, without building a string.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return static_cast<std::size_t>(hash_string(text)); }
    std::size_t operator()(const std::string& text) const { return operator()(std::string_view(text)); }
    std::size_t operator()(const char* text) const { return operator()(std::string_view(text)); }
};

}  // namespace csdmx
