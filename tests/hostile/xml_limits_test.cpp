// Hostile XML: one start tag with a huge number of attributes made libxml2 2.9 parse
// for minutes (each attribute is compared with all earlier ones); the guard in front
// of the parser refuses it at once with the tag's line and column.
#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "core/input_limits.h"
#include "sdmx/xml/xml_markup_guard.h"
#include "sdmx/xml/xml_reader.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

std::string element_with_attributes(std::size_t count) {
    std::string tag = "<Obs";
    for (std::size_t i = 0; i < count; ++i) tag += " a" + std::to_string(i) + "=\"v\"";
    return tag + "/>";
}

std::string document_around(const std::string& body) {
    return "<?xml version=\"1.0\"?>\n<root>\n" + body + "\n</root>\n";
}

// Reads the whole document; the InputError's text, or "" when it was read.
std::string read_all(sdmx::XmlReader reader) {
    try {
        while (reader.read()) {
        }
    } catch (const InputError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST(HostileXml, AStartTagOverTheAttributeLimitIsRefusedWithItsPosition) {
    ScratchDirectory scratch;
    const std::size_t count = 200000;
    write_file(scratch / "attributes.xml", document_around(element_with_attributes(count)));
    const std::string message = read_all(sdmx::XmlReader::open_file(scratch / "attributes.xml"));
    // Line 3, column 1: where "<Obs" begins.
    EXPECT_NE(message.find("attributes.xml:3:1"), std::string::npos) << message;
    EXPECT_NE(message.find("more than " + std::to_string(limits::kMaxXmlAttributesPerElement) + " attributes"),
              std::string::npos)
        << message;

    // In memory (registry answers) the whole text is looked at when the reader opens.
    const std::string text = document_around(element_with_attributes(count));
    try {
        (void)sdmx::XmlReader::open_memory(text, "answer");
        ADD_FAILURE() << "an answer with " << count << " attributes in one tag was accepted";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("answer:3:1"), std::string::npos) << error.what();
    }
}

TEST(HostileXml, AStartTagAtTheLimitIsRead) {
    ScratchDirectory scratch;
    write_file(scratch / "limit.xml", document_around(element_with_attributes(limits::kMaxXmlAttributesPerElement)));
    EXPECT_EQ(read_all(sdmx::XmlReader::open_file(scratch / "limit.xml")), "");
}

TEST(HostileXml, OnlyAttributesOfStartTagsAreCounted) {
    // '=' inside values, comments, CDATA, processing instructions, text and end tags
    // is not an attribute; "--->" and "]]]>" close their sections.
    const std::string noise = std::string(5000, '=');
    const std::string body = "<a x=\"" + noise + "\" y='" + noise + "'>" + noise + "</a>" + "<!-- " + noise + " --->" +
                             "<![CDATA[<b " + noise + "]]]>" + "<?pi " + noise + "?>" + element_with_attributes(3);
    sdmx::XmlMarkupGuard whole(10);
    EXPECT_TRUE(whole.feed(document_around(body)));
    sdmx::XmlMarkupGuard byte_by_byte(10);
    for (char byte : document_around(body)) ASSERT_TRUE(byte_by_byte.feed(std::string_view(&byte, 1)));

    // The same guard does count a start tag after all of them.
    sdmx::XmlMarkupGuard after(10);
    EXPECT_FALSE(after.feed(document_around(body + element_with_attributes(11))));
    ASSERT_TRUE(after.refusal().has_value());
    EXPECT_EQ(after.refusal()->line, 3u);
}

TEST(HostileXml, ValidateCallsTheMessageInvalidAtTheTag) {
    ScratchDirectory scratch;
    write_file(scratch / "attributes.xml",
               "<?xml version=\"1.0\"?>\n<message:StructureSpecificData "
               "xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">\n" +
                   element_with_attributes(50000) + "\n</message:StructureSpecificData>\n");
    const CommandResult result = run_command(shell_quote((build_directory() / "citizen-sdmx").string()) + " validate " +
                                             shell_quote((scratch / "attributes.xml").string()));
    EXPECT_EQ(result.exit_code, 1) << result.output;  // validate: 1 = a message is not valid
    EXPECT_NE(result.output.find("attributes.xml:3:1: error: an element with more than 1000 attributes"),
              std::string::npos)
        << result.output;
}

}  // namespace csdmx::test
