// The buffered XmlWriter must write the bytes libxml2's xmlTextWriter writes for
// the same calls (earlier messages and every golden file came from libxml2).
// libxml2 is the oracle here: random call sequences with values full of
// characters that need escaping, indented and not.
#include "sdmx/xml/xml_writer.h"

#include <gtest/gtest.h>
#include <libxml/xmlwriter.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace csdmx::sdmx {

namespace {

// The same calls, once into libxml2 and once into XmlWriter.
class Both {
public:
    explicit Both(bool indent) : sink_(ours_), writer_(sink_, indent) {
        buffer_ = xmlBufferCreate();
        reference_ = xmlNewTextWriterMemory(buffer_, 0);
        if (indent) {
            xmlTextWriterSetIndent(reference_, 1);
            xmlTextWriterSetIndentString(reference_, BAD_CAST "  ");
        }
    }
    ~Both() { xmlBufferFree(buffer_); }

    void start_document() {
        xmlTextWriterStartDocument(reference_, "1.0", "UTF-8", nullptr);
        writer_.start_document();
    }
    void start(const std::string& name) {
        xmlTextWriterStartElement(reference_, BAD_CAST name.c_str());
        writer_.start(name);
    }
    void end() {
        xmlTextWriterEndElement(reference_);
        writer_.end();
    }
    void attribute(const std::string& name, const std::string& value) {
        xmlTextWriterWriteAttribute(reference_, BAD_CAST name.c_str(), BAD_CAST value.c_str());
        writer_.attribute(name, value);
    }
    void text(const std::string& value) {
        xmlTextWriterWriteString(reference_, BAD_CAST value.c_str());
        writer_.text(value);
    }
    void element(const std::string& name, const std::string& value) {
        xmlTextWriterWriteElement(reference_, BAD_CAST name.c_str(), BAD_CAST value.c_str());
        writer_.element(name, value);
    }
    void comment(const std::string& value) {
        xmlTextWriterWriteComment(reference_, BAD_CAST value.c_str());
        writer_.comment(value);
    }
    // Ends both documents; returns {libxml2's bytes, ours}.
    std::pair<std::string, std::string> finish() {
        xmlTextWriterEndDocument(reference_);
        xmlFreeTextWriter(reference_);  // flushes into buffer_
        writer_.end_document();
        return {std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                            static_cast<std::size_t>(xmlBufferLength(buffer_))),
                ours_};
    }

private:
    std::string ours_;
    StringSink sink_;
    XmlWriter writer_;
    xmlBufferPtr buffer_ = nullptr;
    xmlTextWriterPtr reference_ = nullptr;
};

std::string random_value(std::mt19937& random) {
    static const std::vector<std::string> pieces = {"a",
                                                    "Z",
                                                    "0",
                                                    " ",
                                                    "-",
                                                    "&",
                                                    "<",
                                                    ">",
                                                    "\"",
                                                    "'",
                                                    "\t",
                                                    "\n",
                                                    "\r",
                                                    "é",
                                                    "€",
                                                    "😀",
                                                    "\xEF\xBF\xBD",
                                                    "ß",
                                                    "Site 12",
                                                    "2024-01-01",
                                                    "1.5e3",
                                                    "&amp;",
                                                    "]]>",
                                                    "--"};
    std::string value;
    const auto length = random() % 8;
    for (unsigned i = 0; i < length; ++i) value += pieces[random() % pieces.size()];
    return value;
}

std::string random_name(std::mt19937& random) {
    static const std::vector<std::string> names = {"message:Header", "Series", "Obs", "common:Name", "x", "ns1:A_B"};
    return names[random() % names.size()];
}

void run_random_document(unsigned seed, bool indent) {
    std::mt19937 random(seed);
    Both both(indent);
    // Without the XML declaration libxml2 escapes attributes differently (as ASCII).
    if (seed % 5 != 0) both.start_document();
    both.start("root");
    int depth = 1;
    bool in_start_tag = true;
    for (int step = 0; step < 300; ++step) {
        switch (random() % 7) {
            case 0:
            case 1:
                both.start(random_name(random));
                ++depth;
                in_start_tag = true;
                break;
            case 2:
                if (in_start_tag) both.attribute(random_name(random), random_value(random));
                break;
            case 3:
                if (depth > 1) {
                    both.end();
                    --depth;
                    in_start_tag = false;
                }
                break;
            case 4:
                both.element(random_name(random), random_value(random));
                in_start_tag = false;
                break;
            case 5:
                if (random() % 3 == 0) {
                    both.text(random_value(random));
                    in_start_tag = false;
                }
                break;
            default:
                if (random() % 4 == 0) {
                    both.comment("a comment " + std::to_string(step));
                    in_start_tag = false;
                }
                break;
        }
    }
    // Some documents end with open elements: end_document closes them.
    const auto [reference, ours] = both.finish();
    ASSERT_EQ(reference, ours) << "seed " << seed << (indent ? " indented" : "");
}

}  // namespace

TEST(XmlWriter, WritesWhatLibxml2WritesForRandomCallSequences) {
    for (unsigned seed = 1; seed <= 200; ++seed) {
        run_random_document(seed, true);
        run_random_document(seed, false);
    }
}

TEST(XmlWriter, EscapesAttributeAndTextAsLibxml2Does) {
    Both both(true);
    both.start_document();
    both.start("message:StructureSpecificData");
    both.attribute("xmlns:message", "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message");
    both.attribute("TITLE", "Crèche & école <3 \"quoted\"\ttab\nline\rreturn €😀");
    both.element("common:Name", "Crèche & école <3 \"quoted\"\ttab\nline\rreturn €😀");
    both.start("Series");
    both.attribute("REF_AREA", "");
    both.start("Obs");
    both.end();
    both.end();
    const auto [reference, ours] = both.finish();
    EXPECT_EQ(reference, ours);
    EXPECT_NE(ours.find("TITLE=\"Crèche &amp;"), std::string::npos);  // UTF-8 as it is, once declared
}

TEST(XmlWriter, WithoutDeclarationEscapesNonAsciiAttributesAsLibxml2Does) {
    Both both(false);
    both.start("a");
    both.attribute("b", "Crèche €😀 and \xC3 a stray byte");
    both.text("Crèche");
    const auto [reference, ours] = both.finish();
    EXPECT_EQ(reference, ours);
    EXPECT_NE(ours.find("&#xE8;"), std::string::npos);
}

TEST(XmlWriter, RefusesControlCharactersWithTheirPosition) {
    std::string out;
    StringSink sink(out);
    XmlWriter writer(sink);
    writer.start_document();
    writer.start("a");
    EXPECT_THROW(writer.attribute("b", std::string("x\x01y", 3)), InputError);
    EXPECT_THROW(writer.text(std::string("x\0y", 3)), InputError);
}

// is_xml_text skips runs of printable ASCII eight bytes at a time: it must find
// the same first bad byte as the plain definition (XML 1.0 Char), wherever it lies
// relative to the eight-byte words, and pass every good text.
TEST(XmlWriter, FindsTheFirstCharacterXmlCannotCarryWhereverItLies) {
    auto first_bad = [](const std::string& text) -> std::size_t {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return i;
            if (byte == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
                return i;
            }
        }
        return std::string::npos;
    };
    const std::vector<std::string> pieces = {"a",
                                             "Z",
                                             " ",
                                             "~",
                                             "\x7F",
                                             "\t",
                                             "\n",
                                             "\r",
                                             "\x01",
                                             "\x1F",
                                             std::string(1, '\0'),
                                             "\xC3\xA9",
                                             "\xEF\xBF\xBE",
                                             "\xEF\xBF\xBF",
                                             "\xEF\xBF\xBD",
                                             "\xE2\x82\xAC"};
    std::mt19937 random(17);
    int bad_texts = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string text;
        const int length = static_cast<int>(random() % 40);
        for (int i = 0; i < length; ++i) {
            // Mostly printable ASCII, as real values are, so that whole words pass the fast path.
            text += random() % 8 != 0 ? std::string(1, static_cast<char>('!' + random() % 90))
                                      : pieces[random() % pieces.size()];
        }
        const std::size_t expected = first_bad(text);
        std::size_t offset = 12345;
        const bool good = is_xml_text(text, &offset);
        ASSERT_EQ(good, expected == std::string::npos) << text;
        if (!good) {
            ++bad_texts;
            ASSERT_EQ(offset, expected) << text;
        }
    }
    EXPECT_GT(bad_texts, 100);  // both outcomes were exercised
    EXPECT_LT(bad_texts, 3900);
}

}  // namespace csdmx::sdmx
