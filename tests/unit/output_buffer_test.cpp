// OutputBuffer against std::string doing the same appends: small and huge-page
// sizes, growth from every starting capacity, tail()/commit() writes.
#include "core/output_buffer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/huge_pages.h"

namespace csdmx {
namespace {

TEST(OutputBuffer, HoldsWhatAStringAppendedTheSameWayHolds) {
    std::mt19937 random(11);
    for (const std::size_t initial : {1u, 7u, 4096u, 1u << 21}) {
        OutputBuffer buffer(initial);
        std::string reference;
        while (reference.size() < (std::size_t{5} << 20)) {  // past the huge-page threshold
            const auto length = static_cast<std::size_t>(random() % 70000);
            const std::string piece(length, static_cast<char>('A' + random() % 26));
            switch (random() % 3) {
                case 0:
                    buffer.append(piece);
                    break;
                case 1:
                    for (const char c : piece.substr(0, 100)) buffer.push_back(c);
                    reference += piece.substr(0, 100);
                    continue;
                default: {
                    char* tail = buffer.tail(length + 10);
                    piece.copy(tail, length);
                    buffer.commit(length);
                }
            }
            reference += piece;
        }
        ASSERT_EQ(buffer.size(), reference.size());
        EXPECT_EQ(buffer.view(), reference);
        EXPECT_GE(buffer.capacity(), buffer.size());
        buffer.clear();
        EXPECT_TRUE(buffer.empty());
        buffer.append("after clear");
        EXPECT_EQ(buffer.view(), "after clear");
    }
}

TEST(OutputBuffer, CopiesEverySmallSizeByteForByteAndNoFurther) {
    // copy_bytes takes sizes up to 16 apart (overlapping loads and stores): every
    // size, from and to every alignment, each byte different, the bytes around the
    // target untouched; then the same through append().
    std::string source(64, '\0');
    for (std::size_t i = 0; i < source.size(); ++i) source[i] = static_cast<char>('!' + i);
    for (std::size_t size = 0; size <= 40; ++size) {
        for (std::size_t from = 0; from < 8; ++from) {
            for (std::size_t to = 0; to < 8; ++to) {
                std::string target(64, '.');
                copy_bytes(target.data() + to, source.data() + from, size);
                const std::string expected =
                    std::string(to, '.') + source.substr(from, size) + std::string(64 - to - size, '.');
                ASSERT_EQ(target, expected) << "size " << size << " from " << from << " to " << to;
            }
        }
        OutputBuffer buffer(1);
        std::string reference;
        for (std::size_t from = 0; from < 8; ++from) {
            buffer.append(source.data() + from, size);
            reference.append(source, from, size);
        }
        ASSERT_EQ(buffer.view(), reference) << "size " << size;
    }
}

TEST(HugePageAllocator, VectorsSmallAndLargeKeepTheirValues) {
    for (const std::size_t count : {10u, 1u << 20}) {  // 80 bytes and 8 MiB of uint64
        std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> values(count);
        for (std::size_t i = 0; i < count; ++i) values[i] = i * 3;
        values.push_back(7);
        EXPECT_EQ(values[count / 2], count / 2 * 3);
        EXPECT_EQ(values.back(), 7u);
    }
}

}  // namespace
}  // namespace csdmx
