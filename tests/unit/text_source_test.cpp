#include "package/text_source.h"

#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "tests/test_support.h"

namespace csdmx::package {

namespace {

std::string read_all(TextSource& source) {
    std::string text;
    char buffer[7];  // a small buffer: characters cross its ends
    std::size_t count;
    while ((count = source.read(buffer, sizeof buffer)) > 0) text.append(buffer, count);
    return text;
}

std::string decode(const std::string& bytes, const std::string& declared = {}, std::string* encoding = nullptr,
                   std::string* how = nullptr) {
    test::ScratchDirectory scratch;
    test::write_file(scratch / "data.csv", bytes);
    TextSource source(scratch / "data.csv", declared, "data.csv");
    std::string text = read_all(source);
    if (encoding) *encoding = source.encoding();
    if (how) *how = source.how_chosen();
    return text;
}

}  // namespace

TEST(TextSource, DropsAUtf8ByteOrderMark) {
    std::string encoding, how;
    EXPECT_EQ(decode("\xEF\xBB\xBFname\nZomba\n", {}, &encoding, &how), "name\nZomba\n");
    EXPECT_EQ(encoding, "UTF-8");
    EXPECT_EQ(how, "byte order mark");
}

TEST(TextSource, ConvertsUtf16WithByteOrderMarks) {
    // "né;1\n" in UTF-16 little and big endian.
    std::string le(
        "\xFF\xFEn\0\xE9\0;\0"
        "1\0\n\0",
        12);
    std::string be(
        "\xFE\xFF\0n\0\xE9\0;\0"
        "1\0\n",
        12);
    std::string encoding;
    EXPECT_EQ(decode(le, {}, &encoding), "n\xC3\xA9;1\n");
    EXPECT_EQ(encoding, "UTF-16LE");
    EXPECT_EQ(decode(be, {}, &encoding), "n\xC3\xA9;1\n");
    EXPECT_EQ(encoding, "UTF-16BE");
    EXPECT_EQ(decode(le, "utf-16"), "n\xC3\xA9;1\n");  // declared without endianness: the BOM tells
}

TEST(TextSource, FindsAndSaysWindows1252) {
    // "3½m" and curly quotes as a Windows spreadsheet writes them.
    std::string latin = "size,note\n3\xBDm,\x93ok\x94\n";
    for (int i = 0; i < 40; ++i) latin += "plain ascii line " + std::to_string(i) + ",x\n";
    std::string encoding, how;
    std::string text = decode(latin, {}, &encoding, &how);
    EXPECT_EQ(encoding, "WINDOWS-1252");
    EXPECT_NE(how.find("uchardet"), std::string::npos) << how;
    EXPECT_EQ(text.substr(0, 24), "size,note\n3\xC2\xBDm,\xE2\x80\x9Cok\xE2\x80\x9D\n");
}

TEST(TextSource, ValidUtf8IsTakenAsUtf8) {
    std::string encoding, how;
    EXPECT_EQ(decode("Fran\xC3\xA7ois\n", {}, &encoding, &how), "Fran\xC3\xA7ois\n");
    EXPECT_EQ(encoding, "UTF-8");
    EXPECT_EQ(how, "valid UTF-8");
}

TEST(TextSource, ABadByteInADeclaredEncodingIsReportedWhereItIs) {
    try {
        decode("a,b\nok,fine\nx,3\xBDm\n", "utf-8");
        FAIL() << "accepted an invalid byte";
    } catch (const InputError& error) {
        const auto& d = error.diagnostics().items().at(0);
        EXPECT_EQ(d.line, 3u);
        EXPECT_EQ(d.column, 4u);
        EXPECT_NE(d.message.find("0xBD"), std::string::npos) << d.message;
        EXPECT_NE(d.message.find("declare it in the resource's \"encoding\""), std::string::npos) << d.message;
    }
}

TEST(TextSource, ADeclaredLatinEncodingReadsEveryByte) {
    EXPECT_EQ(decode("caf\xE9\n", "latin1"), "caf\xC3\xA9\n");
    EXPECT_EQ(decode("\x80uro\n", "windows-1252"),
              "\xE2\x82\xAC"
              "uro\n");
}

TEST(TextSource, UnknownEncodingsAreRefusedByName) {
    try {
        decode("x\n", "klingon-8");
        FAIL();
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("unknown encoding \"klingon-8\""), std::string::npos);
    }
}

TEST(TextSource, AnOddNumberOfUtf16BytesIsAnError) {
    EXPECT_THROW(decode(std::string("\xFF\xFEn\0a", 5)), InputError);
}

}  // namespace csdmx::package
