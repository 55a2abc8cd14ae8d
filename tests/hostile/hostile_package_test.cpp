// Packages made by an attacker (issue 17) or by bad luck (issue 20), run through the
// command as a user runs it: each is a located error with exit 2 (bad input) or a
// reported problem, never a crash, never a file read from outside the package, never
// output left behind. The big inputs are generated here, not committed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/input_limits.h"
#include "tests/package_fixture.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

using nlohmann::json;

const std::string kSample = "disability-access-survey";
const std::string kCsv = "health-access-barriers-2024.csv";
constexpr int kExitProblems = 1;
constexpr int kExitBadInput = 2;

// A package whose descriptor is the sample's with `marker` (a JSON string somewhere in
// it) replaced by raw JSON text, so that text can be anything, valid JSON or not.
std::filesystem::path package_with_raw(const ScratchDirectory& scratch, json descriptor, const std::string& raw,
                                       const std::string& marker = "\"@RAW@\"") {
    auto path = write_package(scratch / "package", descriptor, kSample);
    std::string text = read_file(path);
    const auto at = text.find(marker);
    EXPECT_NE(at, std::string::npos);
    text.replace(at, marker.size(), raw);
    write_file(path, text);
    return path;
}

std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

struct Runs {
    CommandResult check, check_json, convert;
    std::filesystem::path out;
};

// check, check --format json and convert, as a CSO data officer would run them.
Runs run_all(const ScratchDirectory& scratch, const std::filesystem::path& descriptor, const std::string& extra = "") {
    Runs runs;
    runs.out = scratch / "out";
    const std::string package = shell_quote(descriptor.string());
    runs.check = run_command(tool() + " check " + package + extra);
    runs.check_json = run_command(tool() + " check --format json " + package + extra + " 2>/dev/null");
    runs.convert = run_command(tool() + " convert " + package + " --out " + shell_quote(runs.out.string()) + extra);
    return runs;
}

// The JSON report parses (no invalid UTF-8, no crash) and lists a problem at `path`
// or with a message holding `fragment`.
json parsed_report(const CommandResult& result) {
    json report;
    EXPECT_NO_THROW(report = json::parse(result.output)) << result.output.substr(0, 2000);
    return report;
}

void expect_nothing_written(const Runs& runs) {
    EXPECT_TRUE(!std::filesystem::exists(runs.out) || list_directory(runs.out).empty())
        << "output left behind in " << runs.out;
}

// The JSON report's problems as check prints them: FILE:LINE:COLUMN: severity: PATH: message.
std::string report_listing(const json& report) {
    std::string text;
    for (const auto& p : report.value("problems", json::array())) {
        std::string where = p.value("file", "");
        if (p.value("line", 0) > 0) where += ":" + std::to_string(p.value("line", 0));
        if (p.value("column", 0) > 0) where += ":" + std::to_string(p.value("column", 0));
        const std::string path = p.value("path", "");
        text += where + ": " + p.value("severity", "") + ": " + (path.empty() ? "" : path + ": ") +
                p.value("message", "") + "\n";
    }
    return text;
}

// convert refuses the package (exit 2); check reports it as unusable (exit 2) or, for
// a problem it can name while reading on, as a problem found (exit 1).
void expect_bad_input_everywhere(const Runs& runs, const std::string& fragment, int check_exit = kExitBadInput) {
    EXPECT_EQ(runs.convert.exit_code, kExitBadInput) << runs.convert.output.substr(0, 2000);
    EXPECT_TRUE(contains(runs.convert.output, fragment)) << runs.convert.output.substr(0, 2000);
    EXPECT_EQ(runs.check.exit_code, check_exit) << runs.check.output.substr(0, 2000);
    EXPECT_TRUE(contains(runs.check.output, fragment)) << runs.check.output.substr(0, 2000);
    EXPECT_EQ(runs.check_json.exit_code, check_exit) << runs.check_json.output.substr(0, 2000);
    const std::string listing = report_listing(parsed_report(runs.check_json));
    EXPECT_TRUE(contains(listing, fragment)) << listing.substr(0, 2000);
    expect_nothing_written(runs);
}

// "datapackage.json:LINE:COLUMN: error" with the place of `needle` in the file.
std::string place_of(const std::filesystem::path& file, const std::string& needle, std::size_t offset = 0) {
    const std::string text = read_file(file);
    const auto at = text.find(needle) + offset;
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "datapackage.json:" + std::to_string(line) + ":" + std::to_string(column) + ": error";
}

}  // namespace

TEST(HostilePackage, DeepNestingInCitizenDataIsALocatedError) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["citizen_data"]["purpose"] = "@RAW@";
    auto path = package_with_raw(scratch, descriptor, nested_arrays(10000));
    // The first bracket beyond the limit, counted from the purpose's first one.
    const std::string where = place_of(path, "[[[", limits::kMaxNestingDepth - 2);
    auto runs = run_all(scratch, path);
    expect_bad_input_everywhere(runs, "nested deeper than");
    EXPECT_TRUE(contains(runs.check.output, where)) << where << "\n" << runs.check.output;
}

TEST(HostilePackage, DeepNestingInATabulationIsALocatedError) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["resources"][0]["tabulation"] = "@RAW@";
    std::string deep;
    for (int i = 0; i < 10000; ++i) deep += "{\"a\":";
    deep += "1" + std::string(10000, '}');
    auto runs = run_all(scratch, package_with_raw(scratch, descriptor, deep));
    expect_bad_input_everywhere(runs, "nested deeper than");
}

TEST(HostilePackage, ANumberOutOfRangeIsALocatedError) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["citizen_data"]["sample"]["size"] = "@RAW@";
    auto path = package_with_raw(scratch, descriptor, "1e400");
    auto runs = run_all(scratch, path);
    expect_bad_input_everywhere(runs, "1e400 is out of range");
    EXPECT_TRUE(contains(runs.check.output, place_of(path, "1e400"))) << runs.check.output;
}

TEST(HostilePackage, ARepeatedMemberNameIsALocatedError) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["citizen_data"]["purpose"] = "@RAW@";
    // "licence" appears once in the sample; a second one would silently replace it.
    auto path = package_with_raw(scratch, descriptor, "\"x\", \"licence\": {\"name\": \"none\"}");
    auto runs = run_all(scratch, path);
    expect_bad_input_everywhere(runs, "the member \"licence\" appears twice");
}

TEST(HostilePackage, ACutMultibyteCharacterInAMessageKeepsTheJsonReportValid) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    // Not one of the producer types: the message quotes the value cut to 60 bytes,
    // which falls inside a two-byte character.
    std::string value = "x";
    for (int i = 0; i < 40; ++i) value += "\xC3\xA9";
    descriptor["citizen_data"]["producer"]["type"] = value;
    auto path = write_package(scratch / "package", descriptor, kSample);
    auto runs = run_all(scratch, path);
    EXPECT_EQ(runs.check_json.exit_code, kExitProblems) << runs.check_json.output;
    json report = parsed_report(runs.check_json);
    EXPECT_TRUE(contains(report.dump(), "citizen_data.producer.type")) << report.dump();
}

TEST(HostilePackage, AVeryLongAgencyIdIsAnErrorNotACrash) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["citizen_data"]["sdmx"]["agency"] = std::string(200000, 'A') + "!";
    auto runs = run_all(scratch, write_package(scratch / "package", descriptor, kSample));
    for (const auto* result : {&runs.check, &runs.check_json, &runs.convert}) {
        EXPECT_TRUE(result->exit_code == kExitProblems || result->exit_code == kExitBadInput)
            << result->exit_code << result->output.substr(0, 2000);
        EXPECT_TRUE(contains(result->output, "citizen_data.sdmx.agency")) << result->output.substr(0, 2000);
    }
    parsed_report(runs.check_json);
    expect_nothing_written(runs);
}

TEST(HostilePackage, APatternOnAVeryLongCellIsCheckedWithoutACrash) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["resources"][0]["schema"]["fields"][0]["constraints"]["pattern"] = "[A-Za-z]+";
    const std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    const auto second_line = csv.find('\n') + 1;
    std::string hostile = csv;
    hostile.insert(second_line, std::string(200000, 'a'));  // on line 2, still letters
    auto path = write_package(scratch / "package", descriptor, kSample, &hostile);
    auto runs = run_all(scratch, path);
    EXPECT_EQ(runs.check.exit_code, 0) << runs.check.output.substr(0, 2000);

    hostile.insert(second_line, "1");  // now the cell breaks the pattern
    write_file(scratch / "package" / kCsv, hostile);
    std::filesystem::remove_all(scratch / "out");  // the first run's output
    runs = run_all(scratch, path);
    EXPECT_EQ(runs.check.exit_code, kExitProblems) << runs.check.output.substr(0, 2000);
    EXPECT_TRUE(contains(runs.check.output, kCsv + ":2:1: error")) << runs.check.output.substr(0, 2000);
    EXPECT_TRUE(contains(runs.check.output, "constraints.pattern")) << runs.check.output.substr(0, 2000);
    EXPECT_LT(runs.check.output.size(), 20000u) << "the message should not quote the whole cell";
    expect_nothing_written(runs);
}

TEST(HostilePackage, ABadTableSchemaPatternIsReported) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    // A back-reference: fine for std::regex, refused by a linear-time engine.
    descriptor["resources"][0]["schema"]["fields"][0]["constraints"]["pattern"] = "(a)\\1";
    auto runs = run_all(scratch, write_package(scratch / "package", descriptor, kSample));
    EXPECT_NE(runs.check.exit_code, 0);
    EXPECT_TRUE(contains(runs.check.output, "fields[0].constraints.pattern: not a usable regular expression"))
        << runs.check.output;
}

// Symbolic links ---------------------------------------------------------------

class LinkedPackage : public ::testing::Test {
protected:
    void SetUp() override {
        descriptor_ = write_package(scratch_ / "package", sample_descriptor(kSample), kSample);
        // The genuine data, but kept elsewhere, and the package's name for it a link.
        std::filesystem::rename(scratch_ / "package" / kCsv, scratch_ / kCsv);
    }
    void link_data_to(const std::filesystem::path& target) {
        std::filesystem::create_symlink(target, scratch_ / "package" / kCsv);
    }
    ScratchDirectory scratch_;
    std::filesystem::path descriptor_;
};

TEST_F(LinkedPackage, ADataFileLinkedToEtcPasswdIsRefused) {
    link_data_to("/etc/passwd");
    auto runs = run_all(scratch_, descriptor_);
    expect_bad_input_everywhere(runs, "outside the package folder", kExitProblems);
    EXPECT_TRUE(contains(runs.check.output, "resources[0].path: the path \"" + kCsv + "\" is refused"))
        << runs.check.output;
    EXPECT_FALSE(contains(runs.check.output, "root:")) << "a line of /etc/passwd was read";
}

TEST_F(LinkedPackage, ADataFileLinkedToProcSelfEnvironIsRefused) {
    link_data_to("/proc/self/environ");
    auto runs = run_all(scratch_, descriptor_);
    expect_bad_input_everywhere(runs, "outside the package folder", kExitProblems);
}

TEST_F(LinkedPackage, AGenuineFileOutsideThePackageIsRefusedUnlessAllowed) {
    link_data_to(scratch_ / kCsv);
    auto refused = run_all(scratch_, descriptor_);
    expect_bad_input_everywhere(refused, "outside the package folder", kExitProblems);

    auto allowed = run_command(tool() + " convert " + shell_quote(descriptor_.string()) + " --out " +
                               shell_quote((scratch_ / "allowed").string()) + " --allow-links-outside");
    EXPECT_EQ(allowed.exit_code, 0) << allowed.output;
    EXPECT_EQ(list_directory(scratch_ / "allowed").size(), 2u);
}

TEST_F(LinkedPackage, ALinkThatStaysInsideThePackageIsFine) {
    std::filesystem::create_directories(scratch_ / "package" / "data");
    std::filesystem::rename(scratch_ / kCsv, scratch_ / "package" / "data" / kCsv);
    link_data_to(std::filesystem::path("data") / kCsv);
    auto convert = run_command(tool() + " convert " + shell_quote(descriptor_.string()) + " --out " +
                               shell_quote((scratch_ / "out").string()));
    EXPECT_EQ(convert.exit_code, 0) << convert.output;
}

TEST_F(LinkedPackage, ASchemaFileLinkedOutsideIsRefused) {
    std::filesystem::rename(scratch_ / kCsv, scratch_ / "package" / kCsv);
    json descriptor = sample_descriptor(kSample);
    write_file(scratch_ / "schema.json", descriptor["resources"][0]["schema"].dump());
    std::filesystem::create_symlink(scratch_ / "schema.json", scratch_ / "package" / "schema.json");
    descriptor["resources"][0]["schema"] = "schema.json";
    write_file(descriptor_, descriptor.dump(2));
    auto runs = run_all(scratch_, descriptor_);
    expect_bad_input_everywhere(runs, "resources[0].schema: the path \"schema.json\" is refused", kExitProblems);
}

TEST_F(LinkedPackage, AFifoIsRefusedRatherThanWaitedOn) {
    ASSERT_EQ(::mkfifo((scratch_ / "package" / kCsv).c_str(), 0600), 0);
    auto runs = run_all(scratch_, descriptor_);
    expect_bad_input_everywhere(runs, "it is not a regular file", kExitProblems);
}

// Limits ------------------------------------------------------------------------

TEST(InputLimits, ACellLongerThanTheLimitIsALocatedError) {
    ScratchDirectory scratch;
    std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    const auto third_line = csv.find('\n', csv.find('\n') + 1) + 1;
    csv.insert(third_line, "\"" + std::string(limits::kMaxCellBytes + 1, 'x') + "\"");
    auto runs = run_all(scratch, write_package(scratch / "package", sample_descriptor(kSample), kSample, &csv));
    expect_bad_input_everywhere(runs, kCsv + ":3:1: error: this field is longer than");
}

TEST(InputLimits, TooManyFieldsInARowIsALocatedError) {
    ScratchDirectory scratch;
    std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    csv += std::string(limits::kMaxFieldsPerRecord + 5, ',') + "\n";
    const std::size_t last_line = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
    auto runs = run_all(scratch, write_package(scratch / "package", sample_descriptor(kSample), kSample, &csv));
    expect_bad_input_everywhere(runs, kCsv + ":" + std::to_string(last_line) + ":");
    EXPECT_TRUE(contains(runs.check.output, "fields, the most a row may have")) << runs.check.output;
}

TEST(InputLimits, ARecordLongerThanTheLimitIsALocatedError) {
    ScratchDirectory scratch;
    std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    std::string row;
    const std::string cell(limits::kMaxCellBytes - 1, 'x');
    for (std::size_t i = 0; i <= limits::kMaxRecordBytes / cell.size(); ++i) row += (i ? "," : "") + cell;
    csv += row + "\n";
    auto runs = run_all(scratch, write_package(scratch / "package", sample_descriptor(kSample), kSample, &csv));
    expect_bad_input_everywhere(runs, "bytes, the most a line may hold");
}

TEST(InputLimits, AJsonStringLongerThanTheLimitIsALocatedError) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["description"] = std::string(limits::kMaxStringBytes + 1, 'd');
    auto path = write_package(scratch / "package", descriptor, kSample);
    auto runs = run_all(scratch, path);
    expect_bad_input_everywhere(runs, "a JSON string of " + std::to_string(limits::kMaxStringBytes + 1) + " bytes");
    EXPECT_TRUE(contains(runs.check.output, place_of(path, "\"dddd"))) << runs.check.output.substr(0, 2000);
}

TEST(InputLimits, ADescriptorLargerThanTheLimitIsRefusedBeforeReading) {
    ScratchDirectory scratch;
    auto path = write_package(scratch / "package", sample_descriptor(kSample), kSample);
    std::filesystem::resize_file(path, limits::kMaxDocumentBytes + 1);  // a sparse file: no disk used
    auto runs = run_all(scratch, path);
    expect_bad_input_everywhere(runs, "a JSON file of");
}

// Issue 20 ----------------------------------------------------------------------

TEST(StrayBytes, OneBadByteInUtf8TextIsReportedWhereItIsNotReadAsWindows1252) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["resources"][0].erase("encoding");  // found from the file
    std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    // Real UTF-8 text (é as C3 A9) and, on line 3, one stray 0xFF byte.
    const auto second_line = csv.find('\n') + 1;
    csv.replace(second_line, std::string("Lilongwe").size(), "Lilongw\xC3\xA9");
    const auto third_line = csv.find('\n', second_line) + 1;
    csv.insert(third_line + 3, "\xFF");
    auto runs = run_all(scratch, write_package(scratch / "package", descriptor, kSample, &csv));
    expect_bad_input_everywhere(runs, kCsv + ":3:4: error: invalid UTF-8: byte 0xFF", kExitProblems);
    EXPECT_TRUE(contains(runs.check.output, "1 byte(s) are not UTF-8")) << runs.check.output;
    EXPECT_FALSE(contains(runs.check.output, "WINDOWS-1252")) << runs.check.output;
}

TEST(StrayBytes, AFileWithoutUtf8CharactersIsStillReadAsItsDetectedEncoding) {
    ScratchDirectory scratch;
    json descriptor = sample_descriptor(kSample);
    descriptor["resources"][0].erase("encoding");
    std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    const auto second_line = csv.find('\n') + 1;
    csv.replace(second_line, std::string("Lilongwe").size(), "Lilongw\xE9");  // é in Windows-1252
    auto runs = run_all(scratch, write_package(scratch / "package", descriptor, kSample, &csv));
    // Not UTF-8 at all: uchardet's guess is used (which one is uchardet's business) and said.
    EXPECT_EQ(runs.check.exit_code, 0) << runs.check.output;
    EXPECT_TRUE(contains(runs.check.output, "note: read as")) << runs.check.output;
    EXPECT_FALSE(contains(runs.check.output, "not UTF-8")) << runs.check.output;
}

TEST(ControlCharacters, ACellCannotDriveTheTerminalOrForgeAReportLine) {
    ScratchDirectory scratch;
    std::string csv = read_file(source_directory() / "samples" / kSample / kCsv);
    const auto second_line = csv.find('\n') + 1;
    const auto respondents = csv.find(",53,", second_line) + 1;
    // An ANSI colour, a carriage return and a forged line in a number cell.
    csv.replace(respondents, 2, "\"\x1B[31m5\r\nok: no problems found\"");
    auto runs = run_all(scratch, write_package(scratch / "package", sample_descriptor(kSample), kSample, &csv));
    EXPECT_EQ(runs.check.exit_code, kExitProblems) << runs.check.output;
    EXPECT_FALSE(contains(runs.check.output, "\x1B")) << runs.check.output;
    EXPECT_FALSE(contains(runs.check.output, "\r")) << runs.check.output;
    EXPECT_FALSE(contains(runs.check.output, "\nok: no problems found")) << runs.check.output;
    EXPECT_TRUE(contains(runs.check.output, "\\x1B[31m5\\r\\nok: no problems found")) << runs.check.output;
    json report = parsed_report(runs.check_json);
    EXPECT_TRUE(contains(report.dump(), "\\\\x1B[31m")) << report.dump();
}

}  // namespace csdmx::test
