// The streaming check of structure-specific data bodies (structure_specific_scan.h)
// against the reference, Xerces-C with the whole generated schema plus the DSD rules
// (--reference-schema-check): on every fixture and on mutated messages both must say
// the same valid / invalid. The streaming check must also decide the usual messages
// itself (else it would agree only by always handing over to Xerces).
#include <gtest/gtest.h>

#include "sdmx/validation/message_validator.h"
#include "tests/integration/conversion_fixture.h"
#include "tests/test_support.h"

namespace csdmx {

namespace {

std::filesystem::path ecb(const std::filesystem::path& shared, const std::string& relative) {
    return shared / "sdmx/samples/2.1/exr/ecb_exr_ng" / relative;
}

sdmx::FileReport validate(const std::filesystem::path& message, const std::vector<std::filesystem::path>& structures,
                          const std::filesystem::path& shared, bool reference) {
    sdmx::ValidateOptions options;
    options.schemas = shared / "sdmx/schemas";
    options.structure_files = structures;
    options.reference_schema_check = reference;
    auto reports = sdmx::validate_messages({message}, options);
    EXPECT_EQ(reports.size(), 1u);
    return reports.at(0);
}

bool decided_by_scan(const sdmx::FileReport& report) {
    for (const auto& check : report.checks) {
        if (check.find("streaming check") != std::string::npos) return true;
    }
    return false;
}

std::string describe(const sdmx::FileReport& report) {
    std::string text = report.file.string() + (report.valid ? " valid" : " NOT valid") + "\n";
    for (const auto& d : report.diagnostics.items()) text += "  " + format_diagnostic(d) + "\n";
    return text;
}

struct Verdicts {
    bool scan_valid = false;
    bool scanned = false;
    bool reference_valid = false;
};

// Both validations of one message; a disagreement fails the test, naming the case.
Verdicts expect_agreement(const std::filesystem::path& message, const std::vector<std::filesystem::path>& structures,
                          const std::filesystem::path& shared, const std::string& name) {
    auto fast = validate(message, structures, shared, false);
    auto reference = validate(message, structures, shared, true);
    EXPECT_EQ(fast.valid, reference.valid) << name << "\nstreaming: " << describe(fast)
                                           << "reference: " << describe(reference);
    EXPECT_FALSE(decided_by_scan(reference)) << name;
    return {fast.valid, decided_by_scan(fast), reference.valid};
}

struct Mutation {
    std::string name;
    std::string from, to;
    bool valid;  // what the reference says (checked too, so the case tests what it means to)
};

// The mutations, written against the ECB samples' text (time series and flat).
std::vector<Mutation> mutations() {
    return {
        {"wrong code", "EXR_TYPE=\"SP00\"", "EXR_TYPE=\"NOPE\"", false},
        {"missing mandatory attribute", " OBS_STATUS=\"A\"", "", false},
        {"missing dimension", " CURRENCY=\"CHF\"", "", false},
        {"unknown attribute", "<Obs ", "<Obs FOO=\"1\" ", false},
        {"attribute in another namespace", "<Obs ", "<Obs xsi:nil=\"true\" ", false},
        // ECB_EXR_NG's OBS_VALUE has no text format: any string (numbers: numeric_mutations()).
        {"text as value", "OBS_VALUE=\"1.3413\"", "OBS_VALUE=\"1,3413\"", true},
        {"not a number", "OBS_VALUE=\"1.3413\"", "OBS_VALUE=\"NaN\"", true},
        {"exponent", "OBS_VALUE=\"1.3413\"", "OBS_VALUE=\"-1.3413E-2\"", true},
        {"bad month", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2010-13\"", false},
        {"reporting month", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2010-M08\"", true},
        {"bad reporting quarter", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2010-Q5\"", false},
        {"leap day", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2012-02-29\"", true},
        {"no leap day", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2011-02-29\"", false},
        {"date-time", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2010-08-01T00:00:00\"", true},
        {"time zone", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"2010-08Z\"", true},
        {"year zero", "TIME_PERIOD=\"2010-08\"", "TIME_PERIOD=\"0000\"", false},
        {"repeated attribute", "OBS_STATUS=\"A\"", "OBS_STATUS=\"A\" OBS_STATUS=\"A\"", false},
        {"text between observations", "<Obs ", "x<Obs ", false},
        {"mismatched end tag", "</Series>", "</Serie>", false},
        {"comment between observations", "<Obs ", "<!-- a comment --><Obs ", true},
        {"processing instruction", "<Obs ", "<?keep this?><Obs ", true},
        {"predefined entity", "Average of observations through period", "Average &amp; &#x41;verage", true},
        {"undefined entity", "Average of observations through period", "Average &nbsp; of", false},
        {"less-than in a value", "OBS_VALUE=\"1.3413\"", "OBS_VALUE=\"<1\"", false},
        {"line break in a code", "EXR_TYPE=\"SP00\"", "EXR_TYPE=\"SP00\n\"", false},
        {"non-ASCII text", "Swiss franc/Euro", "franc suisse \xE2\x80\x93 \xE2\x82\xAC", true},
        {"invalid UTF-8", "Swiss franc/Euro", "franc \xFF suisse", false},
        {"nested observation", "CONF_STATUS_OBS=\"F\"/>", "CONF_STATUS_OBS=\"F\"><Obs TIME_PERIOD=\"2010\"/></Obs>",
         false},
        {"end tag with space", "CONF_STATUS_OBS=\"F\"/>", "CONF_STATUS_OBS=\"F\"></Obs >", true},
        {"group element", "<Obs ", "<Group/><Obs ", false},
        {"default namespace on the data set", "<message:DataSet ", "<message:DataSet xmlns=\"urn:x\" ", false},
        {"single quotes", "OBS_VALUE=\"1.3413\"", "OBS_VALUE='1.3413'", true},
        {"CR LF line ends", "\n", "\r\n", true},
        {"truncated message", "</message:DataSet>", "", false},
        {"unknown header element", "<message:Test>false</message:Test>", "<message:Test>maybe</message:Test>", false},
    };
}

// Against a numeric OBS_VALUE (Double in the DSDs we generate).
std::vector<Mutation> numeric_mutations(const std::string& value) {
    const std::string from = "OBS_VALUE=\"" + value + "\"";
    return {
        {"bad number", from, "OBS_VALUE=\"1,5\"", false},
        {"padded number", from, "OBS_VALUE=\" 1.5\"", false},
        {"number out of range", from, "OBS_VALUE=\"1e400\"", true},
        {"not a number", from, "OBS_VALUE=\"NaN\"", true},
        {"exponent", from, "OBS_VALUE=\"-1.5E-2\"", true},
        {"plus sign", from, "OBS_VALUE=\"+1.5\"", true},
        {"trailing dot", from, "OBS_VALUE=\"1.\"", true},
    };
}

std::string replace_first(std::string text, const std::string& from, const std::string& to, bool& applied) {
    const auto at = text.find(from);
    applied = at != std::string::npos;
    if (applied) text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST(ValidationDifferential, StreamingCheckAndXercesAgreeOnTheFixtures) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    const std::vector<std::filesystem::path> ecb_structures = {ecb(shared, "ecb_exr_ng_full.xml")};
    for (const char* sample : {"structured/ecb_exr_ng_ts.xml", "structured/ecb_exr_ng_flat.xml"}) {
        auto verdicts = expect_agreement(ecb(shared, sample), ecb_structures, shared, sample);
        EXPECT_TRUE(verdicts.reference_valid) << sample;
        EXPECT_TRUE(verdicts.scanned) << sample << ": the streaming check should decide it";
    }
    auto sdg = expect_agreement(shared / "sdg/data/tajstat_SDG-1.4_structure-specific.xml",
                                {shared / "sdg/dsd/IAEG-SDGs_SDG-1.4_global-dsd.xml"}, shared, "SDG message");
    EXPECT_TRUE(sdg.reference_valid);

    // What we write ourselves, from every sample package (tabulated ones included).
    for (const char* package : {"disability-access-survey", "household-water-survey", "air-quality-citizen-sensors",
                                "water-committees-export"}) {
        auto descriptor = test::source_directory() / "samples" / package / "datapackage.json";
        auto conversion = test::convert(descriptor, scratch / package);
        ASSERT_TRUE(conversion.ok) << conversion.listing();
        for (const auto& output : conversion.outcome.outputs) {
            if (output.string().find("-data-structurespecific") == std::string::npos) continue;
            auto verdicts =
                expect_agreement(output, {test::output_ending(conversion, "-structure.xml")}, shared, output.string());
            EXPECT_TRUE(verdicts.reference_valid) << output;
            EXPECT_TRUE(verdicts.scanned) << output << ": the streaming check should decide it";
        }
    }
}

TEST(ValidationDifferential, StreamingCheckAndXercesAgreeOnMutatedMessages) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    const std::vector<std::filesystem::path> structures = {ecb(shared, "ecb_exr_ng_full.xml")};
    int case_number = 0;
    for (const char* sample : {"structured/ecb_exr_ng_ts.xml", "structured/ecb_exr_ng_flat.xml"}) {
        const std::string original = test::read_file(ecb(shared, sample));
        bool scan_decided_a_valid_mutant = false;
        for (const auto& mutation : mutations()) {
            bool applied = false;
            std::string text = replace_first(original, mutation.from, mutation.to, applied);
            if (!applied) continue;  // e.g. the flat sample has no Series
            const auto file = scratch / ("case-" + std::to_string(++case_number) + ".xml");
            test::write_file(file, text);
            const std::string name = std::string(sample) + ": " + mutation.name;
            auto verdicts = expect_agreement(file, structures, shared, name);
            EXPECT_EQ(verdicts.reference_valid, mutation.valid) << name;
            if (verdicts.scanned && mutation.valid) scan_decided_a_valid_mutant = true;
        }
        EXPECT_TRUE(scan_decided_a_valid_mutant) << sample;
        // A duplicate observation (the same element twice): no rule of the schema or the DSD refuses it.
        const auto obs = original.find("<Obs ");
        const auto obs_end = original.find("/>", obs) + 2;
        std::string duplicated = original;
        duplicated.insert(obs_end, original.substr(obs, obs_end - obs));
        const auto file = scratch / ("case-" + std::to_string(++case_number) + ".xml");
        test::write_file(file, duplicated);
        EXPECT_TRUE(expect_agreement(file, structures, shared, std::string(sample) + ": duplicate").reference_valid);
    }

    // Numbers, in a message of ours whose DSD types OBS_VALUE as Double.
    auto conversion = test::convert(test::source_directory() / "samples/disability-access-survey/datapackage.json",
                                    scratch / "converted");
    ASSERT_TRUE(conversion.ok) << conversion.listing();
    const auto data = test::output_ending(conversion, "-data-structurespecific.xml");
    const std::string original = test::read_file(data);
    const auto at = original.find("OBS_VALUE=\"");
    ASSERT_NE(at, std::string::npos);
    const auto value_start = at + std::string("OBS_VALUE=\"").size();
    const std::string value = original.substr(value_start, original.find('"', value_start) - value_start);
    for (const auto& mutation : numeric_mutations(value)) {
        bool applied = false;
        std::string text = replace_first(original, mutation.from, mutation.to, applied);
        ASSERT_TRUE(applied) << mutation.name;
        const auto file = scratch / ("case-" + std::to_string(++case_number) + ".xml");
        test::write_file(file, text);
        auto verdicts = expect_agreement(file, {test::output_ending(conversion, "-structure.xml")}, shared,
                                         "converted: " + mutation.name);
        EXPECT_EQ(verdicts.reference_valid, mutation.valid) << "converted: " << mutation.name;
    }
}

// Messages larger than the scan's read buffer, with an error near the end: the scan
// reads across buffer boundaries and still finds it.
TEST(ValidationDifferential, StreamingCheckAndXercesAgreeOnLargeMessages) {
    CSDMX_REQUIRE_SHARED(shared);
    test::ScratchDirectory scratch;
    const std::vector<std::filesystem::path> structures = {ecb(shared, "ecb_exr_ng_full.xml")};
    const std::string original = test::read_file(ecb(shared, "structured/ecb_exr_ng_ts.xml"));
    const auto first = original.find("<Series ");
    const auto last = original.rfind("</Series>") + std::string("</Series>").size();
    const std::string series = original.substr(first, last - first);
    std::string body;
    while (body.size() < (std::size_t{3} << 20)) body += series + "\n";
    const std::string valid = original.substr(0, first) + body + original.substr(last);
    test::write_file(scratch / "large.xml", valid);
    auto verdicts = expect_agreement(scratch / "large.xml", structures, shared, "large");
    EXPECT_TRUE(verdicts.reference_valid);
    EXPECT_TRUE(verdicts.scanned);

    std::string broken = valid;
    const auto near_end = broken.rfind("OBS_STATUS=\"A\"");
    broken.replace(near_end, 14, "OBS_STATUS=\"?\"");
    test::write_file(scratch / "large-broken.xml", broken);
    verdicts = expect_agreement(scratch / "large-broken.xml", structures, shared, "large, broken near the end");
    EXPECT_FALSE(verdicts.reference_valid);
}

}  // namespace csdmx
