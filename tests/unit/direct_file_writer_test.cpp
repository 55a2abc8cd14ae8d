// Large outputs go past the page cache from a thread of their own
// (core/direct_file_writer.h): the file must hold exactly the bytes written, in
// order, whatever the sizes of the pieces and wherever the switch falls, and a
// failing disk must surface as an error, not a hang or a short file.
#include "core/direct_file_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "core/atomic_output.h"
#include "tests/test_support.h"

namespace csdmx {
namespace {

// Bytes that differ from position to position, so a block written at the wrong
// offset, twice or not at all shows.
std::string pattern_bytes(std::size_t size, std::uint32_t seed) {
    std::string bytes(size, '\0');
    std::uint32_t state = seed;
    for (auto& byte : bytes) {
        state = state * 1664525u + 1013904223u;
        byte = static_cast<char>(state >> 24);
    }
    return bytes;
}

// Pieces of sizes a writer hands over: small ones, 64 KiB blocks and more, odd sizes
// that leave blocks and pages part full.
const std::size_t kPieceSizes[] = {1, 4000, 70000, 13, 1 << 20, 262144, 3, 4096, 1500000, 65536, 777};

TEST(AtomicOutputFile, LargeOutputsPastThePageCacheHoldEveryByteInOrder) {
    test::ScratchDirectory scratch;
    // The switch at 5,000 bytes falls inside the 70,000-byte piece, 4,001 bytes in:
    // off a page boundary.
    AtomicOutputFile file(scratch / "message.xml", 5000);
    std::string expected;
    std::uint32_t seed = 1;
    for (int round = 0; round < 2; ++round) {
        for (const std::size_t size : kPieceSizes) {
            const std::string piece = pattern_bytes(size, seed++);
            file.write(piece);
            expected += piece;
        }
    }
    EXPECT_EQ(file.bytes_written(), expected.size());
    file.commit();
    const std::string written = test::read_file(scratch / "message.xml");
    ASSERT_EQ(written.size(), expected.size());
    EXPECT_TRUE(written == expected) << "the bytes differ from what was written";
    EXPECT_EQ(test::list_directory(scratch.path()), std::vector<std::string>{"message.xml"});
}

TEST(AtomicOutputFile, AnAbandonedLargeOutputLeavesNothingBehind) {
    test::ScratchDirectory scratch;
    {
        AtomicOutputFile file(scratch / "message.xml", 5000);
        for (int i = 0; i < 6; ++i) file.write(pattern_bytes(1 << 20, static_cast<std::uint32_t>(i)));
    }  // no commit: a conversion that failed half-way
    EXPECT_TRUE(test::list_directory(scratch.path()).empty());
}

// Direct (where the scratch folder's file system takes O_DIRECT) and through the page
// cache, the fallback where it is refused.
class DirectFileWriterBothWays : public testing::TestWithParam<bool> {};

TEST_P(DirectFileWriterBothWays, TheFileHoldsTheBytesWrittenAfterItsFirstPages) {
    const bool try_direct = GetParam();
    test::ScratchDirectory scratch;
    const auto path = scratch / "out.bin";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    const std::string head = pattern_bytes(DirectFileWriter::kAlignment, 99);
    ASSERT_EQ(::write(fd, head.data(), head.size()), static_cast<ssize_t>(head.size()));
    std::string expected = head;
    {
        DirectFileWriter writer(path, fd, head.size(), try_direct);
        if (!try_direct) {
            EXPECT_FALSE(writer.direct());
        }
        std::uint32_t seed = 7;
        for (const std::size_t size : kPieceSizes) {
            const std::string piece = pattern_bytes(size, seed++);
            ASSERT_TRUE(writer.write(piece)) << writer.error();
            expected += piece;
        }
        ASSERT_TRUE(writer.finish()) << writer.error();
        RecordProperty("direct", writer.direct() ? "yes" : "no");
    }
    ::close(fd);
    const std::string written = test::read_file(path);
    ASSERT_EQ(written.size(), expected.size());
    EXPECT_TRUE(written == expected) << "the bytes differ from what was written";
}

INSTANTIATE_TEST_SUITE_P(DirectFileWriter, DirectFileWriterBothWays, testing::Bool());

TEST(DirectFileWriter, AFullDiskIsAnErrorNotAHang) {
    // /dev/full refuses every write with ENOSPC.
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (fd < 0) GTEST_SKIP() << "no /dev/full";
    DirectFileWriter writer("/dev/full", fd, 0);
    bool accepted = true;
    // More blocks than the writer has: a hand-over must see the failure, not wait for a free block.
    for (int i = 0; i < 8 && accepted; ++i) accepted = writer.write(pattern_bytes(DirectFileWriter::kBlockBytes, 3));
    const bool finished = accepted && writer.finish();
    EXPECT_FALSE(finished);
    EXPECT_NE(writer.error().find("No space left"), std::string::npos) << writer.error();
    EXPECT_FALSE(writer.write("more")) << "a writer that failed takes nothing more";
    ::close(fd);
}

}  // namespace
}  // namespace csdmx
