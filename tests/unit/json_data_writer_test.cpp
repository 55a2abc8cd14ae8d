// SDMX-JSON text goes through RapidJSON's reserve-then-put path (PutReserve and
// PutUnsafe for our stream): a value longer than the writer's 64 KiB block, full
// of characters JSON escapes, must come back whole when the message is parsed by
// another JSON library (nlohmann-json), and so must every short one around it.
#include "sdmx/json/json_data_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/byte_sink.h"

namespace csdmx::sdmx::json {
namespace {

// Every string anywhere in `node`.
void collect_strings(const nlohmann::json& node, std::unordered_set<std::string>& strings) {
    if (node.is_string()) strings.insert(node.get<std::string>());
    if (!node.is_structured()) return;  // a number iterates as itself
    for (const auto& child : node) collect_strings(child, strings);
}

TEST(JsonDataWriter, TextLongerThanABlockWithEscapesReadsBackWhole) {
    std::string long_text;
    while (long_text.size() < 200000)
        long_text += "quote \" backslash \\ line\nbreak tab\t control \x01 caf\xC3\xA9 / ";
    DataSetDescription dataset;
    dataset.structure = {"TEST", "DSD", "1.0"};
    dataset.dataflow = {"TEST", "DF", "1.0"};
    dataset.layout.key_ids = {"AREA", "TIME_PERIOD"};
    dataset.layout.attribute_ids = {"COMMENT"};
    std::string message;
    StringSink sink(message);
    auto writer = make_json_data_writer(sink);
    writer->begin(MessageHeader{"ID", false, "2026-12-02T00:00:00Z", "TEST", {}}, dataset);
    std::vector<std::string> comments;
    for (int i = 0; i < 3000; ++i) {
        Observation observation;
        observation.key = {"A" + std::to_string(i / 1000), std::to_string(1000 + i % 1000)};  // in series order
        observation.value = std::to_string(i);
        // Free text is written in place; one long comment among thousands of short ones.
        observation.attributes = {i == 1500 ? long_text : "note \"" + std::to_string(i) + "\""};
        comments.push_back(observation.attributes.front());
        writer->write(observation);
    }
    writer->finish(StructureSet{});
    std::unordered_set<std::string> strings;
    collect_strings(nlohmann::json::parse(message), strings);  // parse throws on a broken message
    EXPECT_EQ(strings.count(long_text), 1u) << "the long text is not in the message as it was";
    for (const auto& comment : comments) {
        ASSERT_EQ(strings.count(comment), 1u) << comment;
    }
}

}  // namespace
}  // namespace csdmx::sdmx::json
