// Spilled sort runs and median values live in nameless files (core/anonymous_file.h):
// the folder shows nothing while they are in use, so a process killed at any moment
// leaves nothing behind, and a folder where no file can be made is an error naming it.
#include "core/anonymous_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/diagnostic.h"
#include "tests/test_support.h"

namespace csdmx {
namespace {

TEST(AnonymousFile, HoldsWhatIsWrittenAndNoNameShowsInTheFolder) {
    test::ScratchDirectory scratch;
    const int fd = open_anonymous_file(scratch.path(), "sort");
    ASSERT_GE(fd, 0);
    EXPECT_TRUE(std::filesystem::is_empty(scratch.path()));  // not even while it is open
    const std::string bytes = "run of records";
    ASSERT_EQ(::pwrite(fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
    std::string back(bytes.size(), '\0');
    ASSERT_EQ(::pread(fd, back.data(), back.size(), 0), static_cast<ssize_t>(back.size()));
    EXPECT_EQ(back, bytes);
    ::close(fd);
    EXPECT_TRUE(std::filesystem::is_empty(scratch.path()));
}

TEST(AnonymousFile, AMissingFolderIsAnErrorNamingIt) {
    test::ScratchDirectory scratch;
    const auto missing = scratch.path() / "no-such-folder";
    try {
        open_anonymous_file(missing, "medians");
        FAIL() << "a file was made in a folder that does not exist";
    } catch (const EnvironmentError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("medians"), std::string::npos) << message;
        EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace csdmx
