// Every data format written for the bundled samples: each message valid against
// its official schema, each read back with the same observations, attributes and
// annotations as SDMX-ML 2.1. (The real datasets go through the same checks in
// real_dataset_fixture.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "sdmx/csv/csv_data_reader.h"
#include "sdmx/ml21/data_reader.h"
#include "sdmx/ml21/structure_reader.h"
#include "sdmx/validation/message_validator.h"
#include "tests/integration/format_checks.h"
#include "tests/package_fixture.h"
#include "tests/test_support.h"

namespace csdmx::test {

class BundledSampleInEveryFormat : public ::testing::TestWithParam<const char*> {};

TEST_P(BundledSampleInEveryFormat, ValidatesAndAgreesWithSdmxMl21) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    const auto descriptor = source_directory() / "samples" / GetParam() / "datapackage.json";
    auto conversion = convert(descriptor, scratch / "out", {}, every_format());
    expect_formats_agree(conversion, shared);
    // + the structure messages, SDMX-ML 2.1 and 3.0
    EXPECT_EQ(conversion.outcome.outputs.size(), every_format().formats.size() + 2);
}

INSTANTIATE_TEST_SUITE_P(Samples, BundledSampleInEveryFormat,
                         ::testing::Values("disability-access-survey", "air-quality-citizen-sensors",
                                           "water-committees-export", "household-water-survey"));

TEST(SdmxCsv, FieldsWithCommasQuotesAndLineBreaksAreQuotedAsRfc4180Says) {
    std::string line;
    sdmx::csv::append_csv_field(line, "plain");
    line += ',';
    sdmx::csv::append_csv_field(line, "a, b");
    line += ',';
    sdmx::csv::append_csv_field(line, "say \"hi\"");
    line += ',';
    sdmx::csv::append_csv_field(line, "two\nlines");
    EXPECT_EQ(line, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"");
    EXPECT_EQ(sdmx::csv::csv_action_code("Information"), "I");
    EXPECT_EQ(sdmx::csv::csv_action_code("Replace"), "R");
}

// Spreadsheet safety (docs/formats.md): text that starts with =, +, - or @ is quoted,
// numbers are not, and no value is changed.
TEST(SdmxCsv, TextThatStartsLikeAFormulaIsQuoted) {
    for (const char* text : {"=1+2", "+x", "-x", "@SUM(A1)", "-", "=", "+-1"}) {
        std::string line;
        sdmx::csv::append_csv_field(line, text);
        EXPECT_EQ(line, "\"" + std::string(text) + "\"") << text;
    }
    for (const char* number : {"-3.5", "+4", "-INF", "12", "a=b"}) {
        std::string line;
        sdmx::csv::append_csv_field(line, number);
        EXPECT_EQ(line, number);
    }
}

// End to end: free-text attribute values that look like formulas are quoted in both
// SDMX-CSV versions, and Python's csv module (an RFC 4180 reader we did not write)
// reads them back unchanged. Valid SDMX ids in the data (_T, _O, _U) stay the codes.
TEST(SdmxCsv, FormulaLikeValuesAreQuotedAndValidIdsStayCodes) {
    ScratchDirectory scratch;
    auto descriptor = sample_descriptor("air-quality-citizen-sensors");
    auto& fields = descriptor["resources"][0]["schema"]["fields"];
    fields.push_back({{"name", "note"}, {"type", "string"}, {"sdmx", {{"role", "attribute"}, {"concept", "NOTE"}}}});
    const std::vector<std::string> notes = {"=1+2", "@SUM(A1)", "+1 more", "-minus", "plain"};
    const std::string csv =
        "month,area,pm25_mean,pm10_mean,sensors_reporting,note\n"
        "2023-01,_T,14.0,28.3,5,=1+2\n"
        "2023-01,_O,12.6,-3.5,8,@SUM(A1)\n"
        "2023-01,_U,1,2,3,+1 more\n"
        "2023-02,_T,1,2,3,-minus\n"
        "2023-02,Old Town,1,2,3,plain\n";
    const auto package = write_package(scratch / "package", descriptor, "air-quality-citizen-sensors", &csv);
    mapping::ConvertOptions options;
    options.formats = {sdmx::DataFormat::ml21_structure_specific, sdmx::DataFormat::csv10, sdmx::DataFormat::csv20};
    auto conversion = convert(package, scratch / "out", {}, options);
    ASSERT_TRUE(conversion.ok) << conversion.listing();

    for (const char* suffix : {"-data-sdmx-csv-1.0.csv", "-data-sdmx-csv-2.0.csv"}) {
        const auto file = output_ending(conversion, suffix);
        const std::string text = read_file(file);
        for (const char* quoted : {"\"=1+2\"", "\"@SUM(A1)\"", "\"+1 more\"", "\"-minus\""}) {
            EXPECT_NE(text.find(quoted), std::string::npos) << suffix << " " << quoted << "\n" << text;
        }
        EXPECT_NE(text.find(",-3.5,"), std::string::npos) << "a negative number is not quoted\n" << text;
        const auto read = run_command(
            "python3 -c 'import csv,sys\nrows=list(csv.DictReader(open(sys.argv[1], newline=\"\")))\n"
            "print(\"|\".join(sorted(set(r[\"NOTE\"] for r in rows))))\n"
            "print(\"|\".join(sorted(set(r[\"REF_AREA\"] for r in rows))))' " +
            shell_quote(file.string()));
        ASSERT_EQ(read.exit_code, 0) << read.output;
        auto sorted_notes = notes;
        std::sort(sorted_notes.begin(), sorted_notes.end());
        std::string expected;
        for (const auto& note : sorted_notes) expected += (expected.empty() ? "" : "|") + note;
        EXPECT_EQ(read.output, expected + "\n" + "OLD_TOWN|_O|_T|_U\n") << suffix;
    }
}

// --profile sdmx1: no Annotations and no DataProvider inside data sets (sdmx1 2.26
// fails on both); what the data set's annotations said is on the provision agreement
// of the structure message instead, and the observations are those of the default.
TEST(OutputProfile, Sdmx1MovesAnnotationsAndProviderToTheStructureMessage) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    const auto descriptor = source_directory() / "samples/household-water-survey/datapackage.json";
    auto standard = convert(descriptor, scratch / "standard", {}, every_format());
    auto options = every_format();
    options.profile = sdmx::OutputProfile::sdmx1;
    auto profiled = convert(descriptor, scratch / "sdmx1", {}, options);
    ASSERT_TRUE(standard.ok) << standard.listing();
    ASSERT_TRUE(profiled.ok) << profiled.listing();
    expect_outputs_valid(profiled, shared);

    const auto structures = sdmx::ml21::read_structure_file(output_ending(profiled, "-structure.xml"));
    for (const char* suffix : {"-data-structurespecific.xml", "-data-generic.xml", "-data-3.0-structurespecific.xml"}) {
        const std::string text = read_file(output_ending(profiled, suffix));
        EXPECT_EQ(text.find("Annotation"), std::string::npos) << suffix;
        EXPECT_EQ(text.find("DataProvider"), std::string::npos) << suffix;
        const auto listing = [&](const Conversion& conversion) {
            std::string text;
            for (const auto& [key, cell] : observations_by_key(output_ending(conversion, suffix), structures)) {
                text += key + "=" + cell.value;
                for (const auto& [id, value] : cell.attributes) text += ";" + id + "=" + value;
                text += "\n";
            }
            return text;
        };
        EXPECT_EQ(listing(profiled), listing(standard)) << suffix;
    }
    // Every annotation the default writes on the data set is on the provision agreement.
    const auto& dsd = structures.data_structures.at(0);
    sdmx::ml21::DataMessageReader reader(output_ending(standard, "-data-structurespecific.xml"), &dsd);
    sdmx::ReadObservation first;
    ASSERT_TRUE(reader.next(first));
    ASSERT_FALSE(reader.dataset().annotations.empty());
    ASSERT_EQ(structures.provision_agreements.size(), 1u);
    const auto& moved = structures.provision_agreements[0].annotations;
    for (const auto& annotation : reader.dataset().annotations) {
        const bool found = std::any_of(moved.begin(), moved.end(), [&](const sdmx::Annotation& a) {
            return a.type == annotation.type && a.id == annotation.id &&
                   (a.title == annotation.title || annotation.type == "CONVERSION_TIME");
        });
        EXPECT_TRUE(found) << annotation.type << " " << annotation.title;
    }
    EXPECT_FALSE(structures.data_provider_schemes.empty());  // the provider, named by the agreement
}

TEST(SdmxCsv, ReaderRefusesAFileThatIsNoSdmxCsvNamingWhere) {
    ScratchDirectory scratch;
    const auto file = scratch / "not-sdmx.csv";
    std::ofstream(file) << "district,value\nBlantyre,4\n";
    sdmx::DataStructure dsd;
    try {
        sdmx::csv::CsvDataReader reader(file, dsd);
        FAIL() << "a CSV without DATAFLOW or STRUCTURE was accepted";
    } catch (const InputError& error) {
        const std::string text = format_diagnostic(error.diagnostics().items().at(0));
        EXPECT_NE(text.find("not-sdmx.csv:1:1"), std::string::npos) << text;
        EXPECT_NE(text.find("expected DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0)"), std::string::npos) << text;
    }
}

TEST(SdmxCsv, ReaderRefusesARowWithTheWrongNumberOfFields) {
    ScratchDirectory scratch;
    const auto file = scratch / "short.csv";
    std::ofstream(file) << "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
                           "dataflow,A:B(1.0),I,MW,2024,1\n"
                           "dataflow,A:B(1.0),I,MW\n";
    sdmx::DataStructure dsd;
    dsd.dimensions.push_back({"REF_AREA", {}, {}, {}});
    dsd.time_dimension = sdmx::Dimension{"TIME_PERIOD", {}, {}, {}};
    sdmx::csv::CsvDataReader reader(file, dsd);
    sdmx::ReadObservation observation;
    ASSERT_TRUE(reader.next(observation));
    EXPECT_EQ(observation.key, (sdmx::ComponentValues{{"REF_AREA", "MW"}, {"TIME_PERIOD", "2024"}}));
    EXPECT_EQ(observation.value, "1");
    EXPECT_EQ(reader.structure_kind(), "dataflow");
    EXPECT_THROW(reader.next(observation), InputError);
}

// Both XML validators are real: a code outside its codelist fails Xerces-C and xmllint.
TEST(SdmxMl30, BothValidatorsRejectACodeOutsideItsCodelist) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    const auto descriptor = source_directory() / "samples/disability-access-survey/datapackage.json";
    mapping::ConvertOptions options;
    options.formats = {sdmx::DataFormat::ml30_structure_specific};
    auto conversion = convert(descriptor, scratch / "out", {}, options);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    const auto data = output_ending(conversion, "-data-3.0-structurespecific.xml");
    const auto structure_file = output_ending(conversion, "-structure.xml");
    const auto structures = sdmx::ml21::read_structure_file(structure_file);
    ASSERT_EQ(xmllint_problems(data, shared, structures), "");

    std::string text = read_file(data);
    const auto at = text.find("SEX=\"F\"");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 7, "SEX=\"Q\"");
    std::ofstream(data, std::ios::trunc) << text;
    EXPECT_NE(xmllint_problems(data, shared, structures), "");
    sdmx::ValidateOptions validate;
    validate.schemas = shared / "sdmx/schemas";
    auto reports = sdmx::validate_messages({structure_file, data}, validate);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_TRUE(reports[0].valid);
    EXPECT_FALSE(reports[1].valid);
    EXPECT_EQ(reports[1].version, sdmx::MlVersion::v3_0);
}

// The SDMX-ML 3.0 structure message says what the 2.1 one says.
TEST(SdmxMl30, TheStructureMessageReadsBackAsThe21One) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    const auto descriptor = source_directory() / "samples/household-water-survey/datapackage.json";
    mapping::ConvertOptions options;
    options.formats = {sdmx::DataFormat::ml30_structure_specific};
    auto conversion = convert(descriptor, scratch / "out", {}, options);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    const auto v21 = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure.xml"));
    const auto v30 = sdmx::ml21::read_structure_file(output_ending(conversion, "-structure-3.0.xml"));
    ASSERT_EQ(v30.codelists.size(), v21.codelists.size());
    for (std::size_t i = 0; i < v21.codelists.size(); ++i) {
        EXPECT_EQ(v30.codelists[i].ref, v21.codelists[i].ref);
        EXPECT_EQ(v30.codelists[i].items.size(), v21.codelists[i].items.size());
    }
    ASSERT_EQ(v30.data_structures.size(), 1u);
    const auto& a = v21.data_structures[0];
    const auto& b = v30.data_structures[0];
    EXPECT_EQ(b.key_ids(), a.key_ids());
    ASSERT_EQ(b.attributes.size(), a.attributes.size());
    for (std::size_t i = 0; i < a.attributes.size(); ++i) {
        EXPECT_EQ(b.attributes[i].id, a.attributes[i].id);
        EXPECT_EQ(b.attributes[i].mandatory, a.attributes[i].mandatory) << a.attributes[i].id;
        EXPECT_EQ(b.attributes[i].relationship.level, a.attributes[i].relationship.level) << a.attributes[i].id;
    }
    ASSERT_EQ(v30.dataflows.size(), 1u);
    EXPECT_EQ(v30.dataflows[0].structure, v21.dataflows[0].structure);
    EXPECT_EQ(v30.dataflows[0].annotations.size(), v21.dataflows[0].annotations.size());
    ASSERT_EQ(v30.provision_agreements.size(), 1u);
    EXPECT_EQ(v30.provision_agreements[0].dataflow, v21.provision_agreements[0].dataflow);
    EXPECT_EQ(v30.provision_agreements[0].provider_id, v21.provision_agreements[0].provider_id);
    EXPECT_EQ(v30.data_provider_schemes.at(0).items.size(), 1u);

    // The 3.0 structure message alone is enough to validate the 3.0 data.
    sdmx::ValidateOptions validate;
    validate.schemas = shared / "sdmx/schemas";
    auto reports = sdmx::validate_messages(
        {output_ending(conversion, "-structure-3.0.xml"), output_ending(conversion, "-data-3.0-structurespecific.xml")},
        validate);
    ASSERT_EQ(reports.size(), 2u);
    for (const auto& report : reports) {
        std::string problems;
        for (const auto& d : report.diagnostics.items()) problems += format_diagnostic(d) + "\n";
        EXPECT_TRUE(report.valid) << report.file << "\n" << problems;
        EXPECT_EQ(report.version, sdmx::MlVersion::v3_0);
    }
}

// The schema check is real: a message that breaks the schema fails it.
TEST(SdmxJson, SchemaValidationFailsABrokenMessage) {
    CSDMX_REQUIRE_SHARED(shared);
    ScratchDirectory scratch;
    const auto descriptor = source_directory() / "samples/disability-access-survey/datapackage.json";
    mapping::ConvertOptions options;
    options.formats = {sdmx::DataFormat::json20};
    auto conversion = convert(descriptor, scratch / "out", {}, options);
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    const auto file = output_ending(conversion, "-data-sdmx-json-2.0.json");
    ASSERT_EQ(sdmx_json_problems(file, shared), "");

    std::ifstream in(file);
    auto message = nlohmann::json::parse(in);
    in.close();
    message["data"]["structures"][0]["dimensions"]["series"][0].erase("keyPosition");  // mandatory
    std::ofstream(file) << message.dump();
    const std::string problems = sdmx_json_problems(file, shared);
    EXPECT_NE(problems.find("keyPosition"), std::string::npos) << problems;
}

}  // namespace csdmx::test
