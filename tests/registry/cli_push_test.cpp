// citizen-sdmx push and convert --dsd URL as a person runs them: credentials in
// the environment or a netrc file, exit codes that tell rejected (1) from
// unreachable (3), and no secret in anything printed.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "tests/registry/fake_registry.h"
#include "tests/registry/registry_answers.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

const char* kPassword = "cli-s3cret-pa55";

// A mapping of the sample onto the global SDG DSD 1.5 (as tests/integration/cli_test.cpp
// uses): --dsd names a target DSD, and only a mapping says how the table becomes
// its data (convert refuses --dsd alone). Rows the DSD cannot take are skipped.
std::string sdg_mapping_arguments(const std::filesystem::path& folder) {
    write_file(folder / "mapping.yaml",
               disability_sample_sdg_mapping("district: [Lilongwe], disability_status: [with disability]"));
    return " --mapping " + shell_quote((folder / "mapping.yaml").string()) + " --on-error skip";
}

class CliPush : public ::testing::Test {
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

    // Runs push with credentials in the environment (and HOME pointing at the scratch
    // folder, so the developer's own ~/.netrc never takes part).
    CommandResult push(const std::string& arguments, const std::string& environment) {
        return run_command(
            "env -u CSDMX_REGISTRY_USER -u CSDMX_REGISTRY_PASSWORD -u CSDMX_REGISTRY_TOKEN -u NETRC "
            "HOME=" +
            shell_quote(scratch.path().string()) + " " + environment + " " + tool() + " push " + arguments +
            " --retries 1 --backoff-ms 10 --timeout 5");
    }

    // Success for every artefact when the request carries credentials, 401 otherwise.
    Reply answer_when_authorised(const ReceivedRequest& request, int status, const std::string& text) const {
        Reply reply;
        reply.status = request.header("Authorization").empty() ? 401 : status;
        reply.body = submit_structure_response(verdicts_for(structure, "Success", std::to_string(status), text));
        return reply;
    }

    ScratchDirectory scratch;
    std::filesystem::path structure, data;
};

TEST_F(CliPush, ExitCodesTellAcceptedRejectedAndUnreachable) {
    FakeRegistry server(
        [&](const ReceivedRequest& request) { return answer_when_authorised(request, 201, "Created"); });
    const std::string arguments =
        shell_quote(structure.string()) + " --api sdmx-rest-v2 --registry " + server.url() + "/sdmx/v2";
    const std::string credentials = "CSDMX_REGISTRY_USER=editor CSDMX_REGISTRY_PASSWORD=" + std::string(kPassword);

    auto accepted = push(arguments, credentials);
    EXPECT_EQ(accepted.exit_code, 0) << accepted.output;
    EXPECT_NE(accepted.output.find("accepted"), std::string::npos);
    EXPECT_NE(accepted.output.find("credentials: environment"), std::string::npos);
    EXPECT_EQ(accepted.output.find(kPassword), std::string::npos);
    EXPECT_EQ(server.requests().back().target, "/sdmx/v2/structure");

    auto refused = push(arguments, "");
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("refused the credentials"), std::string::npos) << refused.output;

    auto unreachable =
        push(shell_quote(structure.string()) + " --api sdmx-rest-v2 --registry http://127.0.0.1:9", credentials);
    EXPECT_EQ(unreachable.exit_code, 3) << unreachable.output;
    EXPECT_NE(unreachable.output.find("retrying"), std::string::npos) << unreachable.output;
    EXPECT_EQ(unreachable.output.find(kPassword), std::string::npos);

    auto credentials_in_url =
        push(shell_quote(structure.string()) + " --api sdmx-rest-v2 --registry http://editor:pw@127.0.0.1:9/", "");
    EXPECT_EQ(credentials_in_url.exit_code, 2) << credentials_in_url.output;
    EXPECT_NE(credentials_in_url.output.find("netrc"), std::string::npos) << credentials_in_url.output;
}

TEST_F(CliPush, CredentialsFromNetrcAndJsonReport) {
    FakeRegistry server([&](const ReceivedRequest& request) { return answer_when_authorised(request, 200, "Stored"); });
    write_file(scratch / ".netrc", "machine 127.0.0.1 login editor password " + std::string(kPassword) + "\n");
    auto result = push(shell_quote(structure.string()) + " --api fmr --action replace --registry " + server.url() +
                           " --json " + shell_quote((scratch / "push.json").string()),
                       "");
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("credentials: netrc"), std::string::npos) << result.output;
    EXPECT_EQ(server.requests().back().header("ACTION"), "REPLACE");
    const std::string json = read_file(scratch / "push.json");
    EXPECT_NE(json.find("\"outcome\": \"accepted\""), std::string::npos) << json;
    EXPECT_EQ(json.find(kPassword), std::string::npos);
}

TEST_F(CliPush, ConvertFetchesTheDsdFromARegistryOnceAndThenWorksFromTheCache) {
    CSDMX_REQUIRE_SHARED(shared);
    const std::string dsd_message = read_file(shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml");
    const std::string path = "/rest/v2/structure/datastructure/IAEG-SDGs/SDG/1.5";
    auto server = std::make_unique<FakeRegistry>([&](const ReceivedRequest& request) {
        Reply reply;
        if (request.target.starts_with(path)) {
            reply.body = dsd_message;
        } else {
            reply.status = 404;
            reply.body = "not found";
        }
        return reply;
    });
    const std::string mapping = sdg_mapping_arguments(scratch.path());
    // One conversion time for both runs, so the outputs can be compared byte for byte.
    const std::string convert =
        "SOURCE_DATE_EPOCH=1790000000 CSDMX_CACHE_DIR=" + shell_quote((scratch / "cache").string()) + " " + tool() +
        " convert " + shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) +
        " --dsd " + shell_quote(server->url() + path) + mapping;
    auto first = run_command(convert + " --out " + shell_quote((scratch / "first").string()));
    ASSERT_EQ(first.exit_code, 0) << first.output;
    ASSERT_EQ(server->requests().size(), 1U);
    EXPECT_TRUE(server->requests()[0].target.ends_with("?references=children")) << server->requests()[0].target;
    EXPECT_EQ(list_directory(scratch / "cache").size(), 1U);

    server.reset();  // the registry is gone: the cached copy serves
    auto second = run_command(convert + " --out " + shell_quote((scratch / "second").string()));
    EXPECT_EQ(second.exit_code, 0) << second.output;
    const auto written = list_directory(scratch / "first");
    ASSERT_FALSE(written.empty());
    for (const auto& name : written)
        EXPECT_EQ(read_file(scratch / "first" / name), read_file(scratch / "second" / name));

    FakeRegistry missing([](const ReceivedRequest&) {
        Reply reply;
        reply.status = 404;
        reply.body = "No Results Found";
        return reply;
    });
    auto not_found = run_command(
        "CSDMX_CACHE_DIR=" + shell_quote((scratch / "cache").string()) + " " + tool() + " convert " +
        shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) + " --dsd " +
        missing.url() + "/datastructure/X/Y/1.0" + mapping + " --out " + shell_quote((scratch / "third").string()));
    EXPECT_EQ(not_found.exit_code, 2) << not_found.output;
    EXPECT_NE(not_found.output.find("404"), std::string::npos) << not_found.output;
    EXPECT_FALSE(std::filesystem::exists(scratch / "third") && !list_directory(scratch / "third").empty());
}

TEST_F(CliPush, ConvertFetchesOverHttpsOnlyFromATrustedRegistry) {
    CSDMX_REQUIRE_SHARED(shared);
    const auto certificate = TestCertificate::make_self_signed();
    certificate.write_certificate(scratch / "ca.pem");
    const std::string dsd_message = read_file(shared / "sdg/dsd/IAEG-SDGs_SDG-1.5_global-dsd.xml");
    FakeRegistry server(
        [&](const ReceivedRequest&) {
            Reply reply;
            reply.body = dsd_message;
            return reply;
        },
        certificate);
    const std::string convert =
        "CSDMX_CACHE_DIR=" + shell_quote((scratch / "cache").string()) + " " + tool() + " convert " +
        shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) + " --dsd " +
        server.url() + "/datastructure/IAEG-SDGs/SDG/1.5" + sdg_mapping_arguments(scratch.path()) + " --out " +
        shell_quote((scratch / "fetched").string());
    auto untrusted = run_command(convert);
    EXPECT_EQ(untrusted.exit_code, 3) << untrusted.output;
    EXPECT_NE(untrusted.output.find("certificate is refused"), std::string::npos) << untrusted.output;
    EXPECT_TRUE(server.requests().empty());
    auto trusted = run_command(convert + " --ca-file " + shell_quote((scratch / "ca.pem").string()));
    EXPECT_EQ(trusted.exit_code, 0) << trusted.output;
    EXPECT_FALSE(list_directory(scratch / "fetched").empty());
}

}  // namespace

}  // namespace csdmx::test

namespace csdmx::test {

namespace {

// An FMR that accepts whatever structures it is sent (artefact by artefact) and
// finds every data message valid, or refuses everything with 409 when `refuse`.
Reply fmr_answer(const ReceivedRequest& request, const std::filesystem::path& scratch, bool refuse) {
    Reply reply;
    if (request.target == "/ws/secure/sdmxapi/rest") {
        static std::atomic<int> count = 0;
        const auto file = scratch / ("submitted-" + std::to_string(++count) + ".xml");
        write_file(file, request.body);
        reply.status = refuse ? 409 : 200;
        reply.body = submit_structure_response(refuse ? verdicts_for(file, "Failure", "409", "version exists")
                                                      : verdicts_for(file, "Success", "200", "Stored"));
    } else if (request.target == "/ws/public/data/load") {
        reply.content_type = "application/json";
        reply.body = R"({"uid": "u-1"})";
    } else {
        reply.content_type = "application/json";
        reply.body = R"({"Status": "Complete", "Datasets": [{"Errors": false, "ValidationReport": []}]})";
    }
    return reply;
}

TEST(BatchPush, PushesEachPackageOnceRecordsAnswersAndExitCodesFollowTheRegistry) {
    ScratchDirectory scratch;
    FakeRegistry server([&](const ReceivedRequest& request) { return fmr_answer(request, scratch.path(), false); });
    FakeRegistry refusing([&](const ReceivedRequest& request) { return fmr_answer(request, scratch.path(), true); });
    const std::string batch = "env -u NETRC HOME=" + shell_quote(scratch.path().string()) +
                              " CSDMX_REGISTRY_USER=editor CSDMX_REGISTRY_PASSWORD=" + kPassword + " " + tool() +
                              " batch " + shell_quote((source_directory() / "samples").string()) + " --out " +
                              shell_quote((scratch / "out").string()) + " --api fmr --retries 0 --poll-interval-ms 10";
    std::size_t packages = 0;  // the bundled samples
    for (const auto& entry : std::filesystem::directory_iterator(source_directory() / "samples")) {
        packages += std::filesystem::exists(entry.path() / "datapackage.json");
    }

    auto first = run_command(batch + " --push " + server.url());
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_EQ(first.output.find(kPassword), std::string::npos);
    const auto structures_sent = [&] {
        std::size_t count = 0;
        for (const auto& request : server.requests()) count += request.target == "/ws/secure/sdmxapi/rest";
        return count;
    };
    EXPECT_EQ(structures_sent(), packages);

    auto history =
        run_command(tool() + " ledger " + shell_quote((scratch / "out/ledger.sqlite").string()) + " --format json");
    ASSERT_EQ(history.exit_code, 0) << history.output;
    const auto entries = nlohmann::json::parse(history.output);
    std::size_t accepted = 0;
    for (const auto& entry : entries) {
        for (const auto& push : entry["pushes"]) {
            EXPECT_EQ(push["outcome"], "accepted") << push.dump();
            EXPECT_EQ(push["api"], "fmr");
            EXPECT_EQ(push["sha256"].get<std::string>().size(), 64U);
            ++accepted;
        }
    }
    EXPECT_EQ(accepted, 2 * packages);  // a structure and a data message each

    // Rerun: nothing changed, nothing sent again.
    const auto sent = server.requests().size();
    auto rerun = run_command(batch + " --push " + server.url());
    EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
    EXPECT_NE(rerun.output.find("already-accepted"), std::string::npos) << rerun.output;
    EXPECT_EQ(server.requests().size(), sent);

    // Another registry has not accepted them: sent there, and refused.
    auto refused = run_command(batch + " --push " + refusing.url());
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("version exists"), std::string::npos) << refused.output;

    auto unreachable = run_command(batch + " --push http://127.0.0.1:9");
    EXPECT_EQ(unreachable.exit_code, 3) << unreachable.output;
    history = run_command(tool() + " ledger " + shell_quote((scratch / "out/ledger.sqlite").string()));
    EXPECT_NE(history.output.find("push rejected"), std::string::npos) << history.output;
    EXPECT_NE(history.output.find("push unreachable"), std::string::npos) << history.output;
}

}  // namespace

}  // namespace csdmx::test
