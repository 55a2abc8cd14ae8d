// Whole flows from the command line against each kind of registry: a full push
// of a sample (structure, then data) with its exit code, batch --push of every
// sample recorded "accepted" in the ledger, dry runs that check what the real
// push checks, and convert --dsd refused without a mapping.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "registry/structure_artefacts.h"
#include "tests/registry/fake_registry.h"
#include "tests/registry/registry_answers.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

const char* kSecret = "flow-s3cret-pa55";

Reply reply(int status, const std::string& body, const std::string& type = "application/xml") {
    Reply answer;
    answer.status = status;
    answer.body = body;
    answer.content_type = type;
    return answer;
}

// The verdicts for whatever structure message was submitted, as the registry
// would read it.
std::vector<Verdict> submitted(const ReceivedRequest& request, const std::filesystem::path& scratch,
                               const std::string& code) {
    static std::atomic<int> count = 0;
    const auto file = scratch / ("submitted-" + std::to_string(++count) + ".xml");
    std::string body = request.body;
    // A multipart upload: the file is the part's content.
    if (const auto start = body.find("\r\n\r\n<?xml"); start != std::string::npos) {
        body = body.substr(start + 4, body.rfind("\r\n--") - start - 4);
    }
    write_file(file, body);
    return verdicts_for(file, "Success", code, code == "201" ? "Created" : "Stored");
}

// A registry of each kind that accepts everything, answering in its own shape:
// SDMX REST v2 a SubmitStructureResponse with 201 (maintenance.md); FMR a
// SubmitStructureResponse and its validation JSON (FMR wiki); .Stat Suite the NSI
// web service's Error message with code 201 per artefact and the transfer
// service's request ID and outcome (pysdmx PR #634). This .Stat fake does not
// check the data's dataflow binding: wire_format_test.cpp does, with messages
// made by hand, while the writers' change to dataflow-bound data lands separately.
Reply accepting_registry(const std::string& api, const ReceivedRequest& request, const std::filesystem::path& scratch) {
    if (request.header("Authorization").empty()) return reply(401, "Unauthorized", "text/plain");
    if (api == "sdmx-rest-v2" && request.target == "/structure") {
        return reply(201, submit_structure_response(submitted(request, scratch, "201")));
    }
    if (api == "fmr") {
        if (request.target == "/ws/secure/sdmxapi/rest") {
            return reply(200, submit_structure_response(submitted(request, scratch, "200")));
        }
        if (request.target == "/ws/public/data/load") return reply(200, R"({"uid": "u-1"})", "application/json");
        if (request.target.starts_with("/ws/public/data/loadStatus")) {
            return reply(200, R"({"Status": "Complete", "Datasets": [{"Errors": false, "ValidationReport": []}]})",
                         "application/json");
        }
    }
    if (api == "dotstat") {
        if (request.target == "/rest/structure") {
            return reply(200, nsi_structure_answer(submitted(request, scratch, "201")));
        }
        if (request.target == "/3/import/sdmxFile") {
            return reply(200, R"({"message": "Successfully registered request with ID: 12"})", "application/json");
        }
        if (request.target == "/3/status/request") {
            return reply(200, R"({"requestId": 12, "executionStatus": "Completed", "outcome": "Success", "logs": []})",
                         "application/json");
        }
    }
    return reply(404, "no such resource", "text/plain");
}

class CliRegistryFlows : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        const auto result = run_command(
            tool() + " convert " +
            shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) +
            " --out " + shell_quote((scratch / "out").string()));
        ASSERT_EQ(result.exit_code, 0) << result.output;
        for (const auto& entry : std::filesystem::directory_iterator(scratch / "out")) {
            const auto name = entry.path().filename().string();
            if (name.ends_with("-structure.xml")) structure = entry.path();
            if (name.ends_with("-data-structurespecific.xml")) data = entry.path();
        }
    }

    // The environment of a person with credentials for `api` (or none), whose own
    // ~/.netrc never takes part.
    std::string environment(const std::string& api, bool with_credentials) const {
        std::string text =
            "env -u CSDMX_REGISTRY_USER -u CSDMX_REGISTRY_PASSWORD -u CSDMX_REGISTRY_TOKEN -u NETRC HOME=" +
            shell_quote(scratch.path().string()) + " ";
        if (!with_credentials) return text;
        return text +
               (api == "dotstat" ? "CSDMX_REGISTRY_TOKEN=" + std::string(kSecret)
                                 : "CSDMX_REGISTRY_USER=editor CSDMX_REGISTRY_PASSWORD=" + std::string(kSecret)) +
               " ";
    }

    // push takes --registry URL, batch --push URL; the rest is shared.
    static std::string registry_arguments(const std::string& api, const FakeRegistry& server, bool batch = false) {
        std::string text =
            " --api " + api + (batch ? "" : " --registry " + server.url()) + " --retries 0 --poll-interval-ms 10";
        if (api == "dotstat") text += " --transfer " + server.url() + " --dataspace design";
        return text;
    }

    ScratchDirectory scratch;
    std::filesystem::path structure, data;
};

TEST_P(CliRegistryFlows, FullPushOfASampleStructureThenData) {
    const std::string api = GetParam();
    FakeRegistry server(
        [&](const ReceivedRequest& request) { return accepting_registry(api, request, scratch.path()); });
    // SDMX REST v2 defines no data submission: its push is the structure alone.
    const std::string files = shell_quote(data.string()) + " " + shell_quote(structure.string());
    const std::string pushed = api == "sdmx-rest-v2" ? shell_quote(structure.string()) : files;
    const auto result =
        run_command(environment(api, true) + tool() + " push " + pushed + registry_arguments(api, server) + " --json " +
                    shell_quote((scratch / "push.json").string()));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_FALSE(contains(result.output, kSecret));
    const auto report = nlohmann::json::parse(read_file(scratch / "push.json"));
    ASSERT_EQ(report.size(), api == "sdmx-rest-v2" ? 1U : 2U);
    EXPECT_EQ(report[0]["kind"], "structure");  // structures first, whatever the order given
    for (const auto& file : report) EXPECT_EQ(file["outcome"], "accepted") << file.dump();
    EXPECT_EQ(report[0]["artefacts"].size(), registry::list_structure_artefacts(structure).size());
}

TEST_P(CliRegistryFlows, FullPushOfAnSdgMappingOutput) {
    CSDMX_REQUIRE_SHARED(shared);
    const std::string api = GetParam();
    // The sample mapped onto the global SDG DSD 1.5 (the mapping of tests/integration/cli_test.cpp).
    write_file(scratch / "mapping.yaml",
               disability_sample_sdg_mapping("district: [Lilongwe], disability_status: [with disability]"));
    const auto converted =
        run_command(tool() + " convert " +
                    shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) +
                    " --dsd " + shell_quote((shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml").string()) +
                    " --mapping " + shell_quote((scratch / "mapping.yaml").string()) + " --on-error skip --out " +
                    shell_quote((scratch / "sdg").string()));
    ASSERT_EQ(converted.exit_code, 0) << converted.output;
    std::string files;
    for (const auto& name : list_directory(scratch / "sdg")) {
        const bool structure_file = name.ends_with("-structure.xml");
        if (structure_file || (api != "sdmx-rest-v2" && name.ends_with("-data-structurespecific.xml"))) {
            files += " " + shell_quote((scratch / "sdg" / name).string());
        }
    }
    FakeRegistry server(
        [&](const ReceivedRequest& request) { return accepting_registry(api, request, scratch.path()); });
    const auto result =
        run_command(environment(api, true) + tool() + " push" + files + registry_arguments(api, server) + " --json " +
                    shell_quote((scratch / "push.json").string()));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const auto report = nlohmann::json::parse(read_file(scratch / "push.json"));
    ASSERT_EQ(report.size(), api == "sdmx-rest-v2" ? 1U : 2U) << report.dump();
    EXPECT_EQ(report[0]["kind"], "structure");
    for (const auto& file : report) EXPECT_EQ(file["outcome"], "accepted") << file.dump();
}

TEST_P(CliRegistryFlows, BatchPushOfTheSamplesRecordsAcceptedForEveryPackage) {
    const std::string api = GetParam();
    FakeRegistry server(
        [&](const ReceivedRequest& request) { return accepting_registry(api, request, scratch.path()); });
    const auto result = run_command(environment(api, true) + tool() + " batch " +
                                    shell_quote((source_directory() / "samples").string()) + " --out " +
                                    shell_quote((scratch / "batch").string()) + registry_arguments(api, server, true) +
                                    " --push " + server.url());
    ASSERT_EQ(result.exit_code, 0) << result.output;
    std::size_t packages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(source_directory() / "samples")) {
        packages += std::filesystem::exists(entry.path() / "datapackage.json");
    }
    const auto history =
        run_command(tool() + " ledger " + shell_quote((scratch / "batch/ledger.sqlite").string()) + " --format json");
    ASSERT_EQ(history.exit_code, 0) << history.output;
    std::size_t accepted = 0;
    std::size_t with_pushes = 0;
    for (const auto& entry : nlohmann::json::parse(history.output)) {
        with_pushes += !entry["pushes"].empty();
        for (const auto& push : entry["pushes"]) {
            EXPECT_EQ(push["outcome"], "accepted") << push.dump();
            EXPECT_EQ(push["api"], api);
            accepted += push["outcome"] == "accepted";
        }
    }
    EXPECT_EQ(with_pushes, packages);
    EXPECT_EQ(accepted, (api == "sdmx-rest-v2" ? 1 : 2) * packages);  // structure (and data) of each
}

TEST_P(CliRegistryFlows, DryRunChecksWhatThePushChecksAndShowsThePlan) {
    const std::string api = GetParam();
    FakeRegistry server(
        [&](const ReceivedRequest& request) { return accepting_registry(api, request, scratch.path()); });
    const std::string files = shell_quote(structure.string()) + " " + shell_quote(data.string());
    const std::string arguments = registry_arguments(api, server);

    if (api == "sdmx-rest-v2") {
        // Data to an API without data submission: the plan, and what would be refused.
        const auto dry = run_command(environment(api, true) + tool() + " push " + files + arguments + " --dry-run");
        EXPECT_EQ(dry.exit_code, 2) << dry.output;
        EXPECT_TRUE(contains(dry.output, "POST " + server.url() + "/structure")) << dry.output;
        EXPECT_TRUE(contains(dry.output, "defines no data submission")) << dry.output;
        const auto real = run_command(environment(api, true) + tool() + " push " + files + arguments);
        EXPECT_EQ(real.exit_code, 2) << real.output;
    } else {
        // No credentials: the same exit code as the real push, with the plan.
        const auto dry = run_command(environment(api, false) + tool() + " push " + files + arguments + " --dry-run");
        const auto real = run_command(environment(api, false) + tool() + " push " + files + arguments);
        EXPECT_EQ(dry.exit_code, 2) << dry.output;
        EXPECT_EQ(real.exit_code, 2) << real.output;
        EXPECT_TRUE(contains(dry.output, "would be refused")) << dry.output;
        EXPECT_TRUE(contains(dry.output, api == "fmr" ? "/ws/secure/sdmxapi/rest" : "/rest/structure")) << dry.output;
        EXPECT_TRUE(contains(dry.output, api == "fmr" ? "user and password" : "Bearer token")) << dry.output;
        const auto fine = run_command(environment(api, true) + tool() + " push " + files + arguments + " --dry-run");
        EXPECT_EQ(fine.exit_code, 0) << fine.output;
    }
    EXPECT_TRUE(server.requests().empty());
}

INSTANTIATE_TEST_SUITE_P(Registries, CliRegistryFlows, ::testing::Values("sdmx-rest-v2", "fmr", "dotstat"),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::erase(name, '-');
                             return name;
                         });

TEST(ConvertDsd, WithoutAMappingIsRefused) {
    ScratchDirectory scratch;
    write_file(scratch / "dsd.xml", "<not-read/>");
    const auto result = run_command(
        tool() + " convert " +
        shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) + " --dsd " +
        shell_quote((scratch / "dsd.xml").string()) + " --out " + shell_quote((scratch / "out").string()));
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(contains(result.output, "--mapping")) << result.output;
    EXPECT_TRUE(contains(result.output, "nothing was written")) << result.output;
    EXPECT_FALSE(std::filesystem::exists(scratch / "out") && !list_directory(scratch / "out").empty());
}

}  // namespace

}  // namespace csdmx::test
