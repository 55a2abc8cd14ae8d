// Pushing to registries that answer as the SDMX REST v2 maintenance API, the
// Fusion Metadata Registry and .Stat Suite document: real HTTP and HTTPS servers
// in this process (fake_registry.h), real messages converted from a bundled
// sample, and the answers checked against the official 2.1 registry schema.
#include "registry/push.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>

#include "registry/credentials.h"
#include "sdmx/validation/xsd_validator.h"
#include "tests/registry/fake_registry.h"
#include "tests/registry/push_fixtures.h"
#include "tests/registry/registry_answers.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

using namespace std::chrono_literals;
using registry::ApiKind;
using registry::PushOutcome;

// The answers the suite's servers give, each checked against the registry schema.
std::string all_created() {
    return submit_structure_response(verdicts_for(messages().structure, "Success", "201", "Created"));
}
std::string conflict() {
    return submit_structure_response(
        verdicts_for(messages().structure, "Failure", "409", "a referenced codelist is missing"));
}
std::string invalid() {
    return submit_structure_response(
        verdicts_for(messages().structure, "Failure", "422", "the artefact type does not match the resource"));
}
std::string partly_created() {
    auto verdicts = verdicts_for(messages().structure, "Success", "201", "Created");
    verdicts.back().status = "Failure";
    verdicts.back().code = "409";
    verdicts.back().text = "semantic versioning violation";
    return submit_structure_response(verdicts);
}

class Push : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_FALSE(messages().structure.empty() || messages().data.empty()); }
    ScratchDirectory scratch;
};

TEST_F(Push, AnswersValidateAgainstTheOfficialRegistrySchema) {
    CSDMX_REQUIRE_SHARED(shared);
    sdmx::XsdValidator validator({shared / "sdmx/schemas/2.1/SDMXMessage.xsd"});
    for (const auto& [name, body] : std::vector<std::pair<std::string, std::string>>{{"created", all_created()},
                                                                                     {"conflict", conflict()},
                                                                                     {"invalid", invalid()},
                                                                                     {"partial", partly_created()}}) {
        write_file(scratch / (name + ".xml"), body);
        const auto problems = validator.validate(scratch / (name + ".xml"));
        EXPECT_FALSE(problems.has_errors())
            << name << ": " << (problems.items().empty() ? "" : problems.items().front().message);
    }
}

TEST_F(Push, RestV2StructureAcceptedArtefactByArtefact) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(201, all_created()); });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    ASSERT_EQ(report.files.size(), 1U);
    const auto& pushed = report.files.front();
    EXPECT_EQ(pushed.outcome, PushOutcome::accepted) << pushed.message;
    EXPECT_EQ(pushed.http_status, 201);
    EXPECT_EQ(pushed.artefacts.size(), verdicts_for(messages().structure, "", "", "").size());
    EXPECT_EQ(pushed.artefacts.front().status, "Success");

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(request_text(requests[0]), "POST /structure");
    EXPECT_EQ(requests[0].header("Content-Type"), "application/vnd.sdmx.structure+xml;version=2.1");
    EXPECT_EQ(requests[0].header("Authorization"), registry::basic_authorization("editor", kPassword));
    EXPECT_EQ(requests[0].body, read_file(messages().structure));  // streamed from disk, byte for byte
    EXPECT_NE(report.table().find("DataStructure"), std::string::npos);
    EXPECT_EQ(report.table().find(kPassword), std::string::npos);
    EXPECT_EQ(report.json().find(kPassword), std::string::npos);
}

TEST_F(Push, RestV2ReplaceOfOneArtefactUsesPutAndDeleteAddressesEachArtefact) {
    // A structure message with one artefact: the DSD alone.
    const std::string whole = read_file(messages().structure);
    const auto start = whole.find("<structure:DataStructures>");
    const auto end = whole.find("</structure:DataStructures>") + std::string("</structure:DataStructures>").size();
    ASSERT_NE(start, std::string::npos);
    const auto structures = whole.find("<message:Structures>") + std::string("<message:Structures>").size();
    const std::string single = whole.substr(0, structures) + whole.substr(start, end - start) +
                               whole.substr(whole.find("</message:Structures>"));
    write_file(scratch / "dsd.xml", single);
    FakeRegistry server([&](const ReceivedRequest& request) {
        auto verdicts = verdicts_for(scratch / "dsd.xml", "Success", "200", "Replaced");
        for (auto& verdict : verdicts) verdict.action = request.method == "DELETE" ? "Delete" : "Replace";
        return xml_reply(200, submit_structure_response(verdicts));
    });
    auto options = options_for(server, ApiKind::sdmx_rest_v2);
    options.action = "replace";
    auto report = registry::push_files({scratch / "dsd.xml"}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    options.action = "delete";
    report = registry::push_files({scratch / "dsd.xml"}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2U);
    EXPECT_EQ(requests[0].method, "PUT");
    EXPECT_TRUE(requests[0].target.starts_with("/structure/datastructure/")) << requests[0].target;
    EXPECT_EQ(requests[1].method, "DELETE");
    EXPECT_EQ(requests[1].target, requests[0].target);
}

TEST_F(Push, WrongCredentialsAreRejectedNotRetried) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(401, "Unauthorized"); });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_NE(report.files.front().message.find("credentials"), std::string::npos) << report.files.front().message;
    EXPECT_EQ(server.requests().size(), 1U);
}

TEST_F(Push, ConflictAndInvalidAreRejectedWithTheRegistrysReason) {
    for (const auto& [status, body, reason] : std::vector<std::tuple<int, std::string, std::string>>{
             {409, conflict(), "a referenced codelist is missing"}, {422, invalid(), "does not match the resource"}}) {
        FakeRegistry server(
            [&, status = status, body = body](const ReceivedRequest&) { return xml_reply(status, body); });
        const auto report = registry::push_files({messages().structure, messages().data},
                                                 options_for(server, ApiKind::fmr), basic_credentials());
        ASSERT_EQ(report.files.size(), 2U);
        EXPECT_EQ(report.files[0].outcome, PushOutcome::rejected);
        EXPECT_EQ(report.files[0].http_status, status);
        EXPECT_NE(report.files[0].message.find(reason), std::string::npos) << report.files[0].message;
        EXPECT_EQ(report.files[0].artefacts.front().code, std::to_string(status));
        // Data after rejected structures would only fail: not sent.
        EXPECT_EQ(report.files[1].outcome, PushOutcome::not_sent);
        EXPECT_EQ(server.requests().size(), 1U);
    }
}

TEST_F(Push, PartialSuccessIsNeverReportedAsSuccess) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(207, partly_created()); });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    const auto& pushed = report.files.front();
    EXPECT_EQ(pushed.outcome, PushOutcome::partial);
    EXPECT_FALSE(report.all_accepted());
    EXPECT_NE(pushed.message.find("semantic versioning violation"), std::string::npos) << pushed.message;
    EXPECT_NE(report.table().find("Failure"), std::string::npos);
    EXPECT_NE(report.table().find("Success"), std::string::npos);
}

TEST_F(Push, A200WithoutASubmitStructureResponseIsNotConfirmed) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(200, "<html>Welcome</html>"); });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_NE(report.files.front().message.find("not confirmed"), std::string::npos);
}

TEST_F(Push, SlowServerTimesOutAndIsUnreachable) {
    FakeRegistry server([](const ReceivedRequest&) {
        Reply reply = xml_reply(201, all_created());
        reply.delay = 3s;
        return reply;
    });
    auto options = options_for(server, ApiKind::sdmx_rest_v2);
    options.http.timeout = 200ms;
    options.http.retries = 1;
    const auto report = registry::push_files({messages().structure}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::unreachable);
    EXPECT_NE(report.files.front().message.find("no answer within 200 ms"), std::string::npos)
        << report.files.front().message;
    EXPECT_EQ(server.requests().size(), 2U);  // timeouts are connection failures: retried
}

TEST_F(Push, ConnectionDroppedMidBodyIsRetriedThenUnreachable) {
    FakeRegistry server([](const ReceivedRequest&) {
        Reply reply = xml_reply(201, all_created());
        reply.drop_mid_body = true;
        return reply;
    });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::unreachable);
    EXPECT_NE(report.files.front().message.find("closed before the answer was complete"), std::string::npos)
        << report.files.front().message;
    EXPECT_EQ(server.requests().size(), 3U);  // the first attempt and two retries
}

TEST_F(Push, RetriesAfter503AndADroppedConnectionThenSucceeds) {
    std::atomic<int> calls = 0;
    FakeRegistry server([&](const ReceivedRequest&) {
        const int call = ++calls;
        if (call == 1) return xml_reply(503, "busy");
        Reply reply = xml_reply(201, all_created());
        reply.drop_mid_body = call == 2;
        return reply;
    });
    std::vector<std::string> log;
    auto options = options_for(server, ApiKind::sdmx_rest_v2);
    options.http.log = [&](const std::string& line) { log.push_back(line); };
    const auto report = registry::push_files({messages().structure}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    EXPECT_EQ(calls.load(), 3);
    ASSERT_EQ(log.size(), 2U);
    EXPECT_NE(log[0].find("503"), std::string::npos);
    EXPECT_NE(log[1].find("retrying in 40 ms"), std::string::npos) << log[1];  // backoff doubled
    for (const auto& line : log) EXPECT_EQ(line.find(kPassword), std::string::npos);
}

TEST_F(Push, A500IsTheRegistrysAnswerAndIsNotRetried) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(500, "NullPointerException"); });
    const auto report =
        registry::push_files({messages().structure}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_EQ(server.requests().size(), 1U);
}

TEST_F(Push, HttpsWithTheRegistrysCaIsAcceptedAndAnUntrustedCertificateRefused) {
    const auto certificate = TestCertificate::make_self_signed();
    certificate.write_certificate(scratch / "registry-ca.pem");
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(201, all_created()); }, certificate);
    auto options = options_for(server, ApiKind::sdmx_rest_v2);

    // The system's CAs do not know the test certificate: refused, not retried, nothing sent.
    auto report = registry::push_files({messages().structure}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::unreachable);
    EXPECT_NE(report.files.front().message.find("certificate is refused"), std::string::npos)
        << report.files.front().message;
    EXPECT_TRUE(server.requests().empty());

    options.http.ca_file = scratch / "registry-ca.pem";
    report = registry::push_files({messages().structure}, options, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    EXPECT_EQ(server.requests().size(), 1U);

    // Trusted CA, wrong name: 127.0.0.1 is in the certificate, another name is not.
    auto by_other_name = options;
    by_other_name.registry.host = "127.0.0.2";
    report = registry::push_files({messages().structure}, by_other_name, basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::unreachable) << report.files.front().message;
}

TEST_F(Push, FmrStructuresCarryTheActionAndDataGoThroughItsValidationService) {
    std::atomic<int> polls = 0;
    FakeRegistry server([&](const ReceivedRequest& request) {
        if (request.target == "/ws/secure/sdmxapi/rest") return xml_reply(200, all_created());
        if (request.target == "/ws/public/data/load") return json_reply(200, {{"Success", true}, {"uid", "u-42"}});
        if (request.target == "/ws/public/data/loadStatus?uid=u-42") {
            if (++polls < 3) return json_reply(200, {{"Status", "Validating"}});
            return json_reply(200,
                              {{"Status", "Complete"},
                               {"Datasets", {{{"Errors", false}, {"ValidationReport", nlohmann::json::array()}}}}});
        }
        return xml_reply(404, "no such resource");
    });
    auto options = options_for(server, ApiKind::fmr);
    options.action = "replace";
    const auto report = registry::push_files({messages().data, messages().structure}, options, basic_credentials());
    ASSERT_EQ(report.files.size(), 2U);
    EXPECT_EQ(report.files[0].kind, "structure");  // structures go first whatever the order given
    EXPECT_EQ(report.files[0].outcome, PushOutcome::accepted) << report.files[0].message;
    EXPECT_EQ(report.files[1].outcome, PushOutcome::accepted) << report.files[1].message;
    EXPECT_EQ(polls.load(), 3);
    const auto requests = server.requests();
    ASSERT_GE(requests.size(), 3U);
    EXPECT_EQ(requests[0].header("ACTION"), "REPLACE");
    EXPECT_EQ(requests[0].header("Authorization"), registry::basic_authorization("editor", kPassword));
    EXPECT_TRUE(requests[1].header("Content-Type").starts_with("multipart/form-data; boundary="));
    EXPECT_NE(requests[1].body.find("name=\"uploadFile\""), std::string::npos);
    EXPECT_NE(requests[1].body.find(read_file(messages().data)), std::string::npos);
}

TEST_F(Push, FmrDataFoundInvalidAreRejectedWithTheFirstError) {
    FakeRegistry server([&](const ReceivedRequest& request) {
        if (request.target == "/ws/public/data/load") return json_reply(200, {{"uid", "u-7"}});
        return json_reply(200, {{"Status", "Complete"},
                                {"Datasets",
                                 {{{"Errors", true},
                                   {"ValidationReport",
                                    {{{"Type", "CodeNotInCodelist"},
                                      {"Errors", {{{"Message", "Code 'XX' is not in codelist CL_AREA"}}}}}}}}}}});
    });
    const auto report = registry::push_files({messages().data}, options_for(server, ApiKind::fmr), basic_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_NE(report.files.front().message.find("Code 'XX' is not in codelist CL_AREA"), std::string::npos)
        << report.files.front().message;
}

TEST_F(Push, DotStatUsesABearerTokenAndPollsTheTransferImport) {
    std::atomic<int> polls = 0;
    FakeRegistry server([&](const ReceivedRequest& request) {
        if (request.target == "/rest/structure") return xml_reply(200, all_created());
        if (request.target == "/3/import/sdmxFile") {
            return json_reply(200, {{"message", "Successfully registered request with ID: 17"}});
        }
        if (request.target == "/3/status/request") {
            if (++polls < 2) return json_reply(200, {{"requestId", 17}, {"executionStatus", "InProgress"}});
            return json_reply(200, {{"requestId", 17},
                                    {"executionStatus", "Completed"},
                                    {"outcome", "Success"},
                                    {"logs", nlohmann::json::array()}});
        }
        return xml_reply(404, "no such resource");
    });
    auto options = options_for(server, ApiKind::dotstat);
    options.transfer = registry::parse_url(server.url());
    options.dataspace = "design";
    const auto report = registry::push_files({messages().structure, messages().data}, options, token_credentials());
    EXPECT_EQ(report.files[0].outcome, PushOutcome::accepted) << report.files[0].message;
    EXPECT_EQ(report.files[1].outcome, PushOutcome::accepted) << report.files[1].message;
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 4U);
    EXPECT_EQ(requests[0].header("Authorization"), std::string("Bearer ") + kToken);
    EXPECT_NE(requests[1].body.find("name=\"dataspace\"\r\n\r\ndesign\r\n"), std::string::npos);
    EXPECT_NE(requests[1].body.find("name=\"file\""), std::string::npos);
    EXPECT_NE(requests[3].body.find("name=\"id\"\r\n\r\n17\r\n"), std::string::npos);
}

TEST_F(Push, DotStatImportThatEndsInErrorIsRejected) {
    FakeRegistry server([&](const ReceivedRequest& request) {
        if (request.target == "/3/import/sdmxFile") return json_reply(200, {{"requestId", 18}});
        return json_reply(200, {{"executionStatus", "Completed"},
                                {"outcome", "Error"},
                                {"logs", {{{"logLevel", "Error"}, {"message", "Dataflow not found in dataspace"}}}}});
    });
    auto options = options_for(server, ApiKind::dotstat);
    options.transfer = registry::parse_url(server.url());
    options.dataspace = "design";
    const auto report = registry::push_files({messages().data}, options, token_credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::rejected);
    EXPECT_NE(report.files.front().message.find("Dataflow not found in dataspace"), std::string::npos)
        << report.files.front().message;
}

TEST_F(Push, UnusableOptionsAreRefusedBeforeAnythingIsSent) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(201, all_created()); });
    EXPECT_THROW(
        registry::push_files({messages().data}, options_for(server, ApiKind::sdmx_rest_v2), basic_credentials()),
        std::invalid_argument);
    EXPECT_THROW(registry::push_files({messages().data}, options_for(server, ApiKind::dotstat), token_credentials()),
                 std::invalid_argument);  // no transfer service, no dataspace
    EXPECT_THROW(registry::push_files({messages().structure}, options_for(server, ApiKind::fmr), {}),
                 std::invalid_argument);  // FMR needs a user
    auto bad_action = options_for(server, ApiKind::fmr);
    bad_action.action = "UPSERT";
    EXPECT_THROW(registry::push_files({messages().structure}, bad_action, basic_credentials()), std::invalid_argument);
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(Push, DryRunSendsNothing) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(201, all_created()); });
    auto options = options_for(server, ApiKind::fmr);
    options.dry_run = true;
    const auto report = registry::push_files({messages().structure, messages().data}, options, basic_credentials());
    EXPECT_TRUE(server.requests().empty());
    EXPECT_TRUE(report.refusal.empty()) << report.refusal;
    EXPECT_EQ(report.files[0].outcome, PushOutcome::not_sent);
    EXPECT_NE(report.files[0].request.find("/ws/secure/sdmxapi/rest"), std::string::npos);
    EXPECT_FALSE(report.files[0].artefacts.empty());  // what would be submitted
}

// Every case of the issue, for each of the three APIs' structure submission: the
// transport (timeouts, drops, retries, TLS) and the verdicts are shared, and each
// API must reach them through its own endpoint and credentials.
class EveryApi : public Push, public ::testing::WithParamInterface<ApiKind> {
protected:
    registry::Credentials credentials() const {
        return GetParam() == ApiKind::dotstat ? token_credentials() : basic_credentials();
    }
};

struct Case {
    const char* name;
    std::function<Reply(int call)> answer;
    PushOutcome expected;
    int requests;
};

TEST_P(EveryApi, StructureSubmissionCases) {
    const std::vector<Case> cases = {
        {"success", [](int) { return xml_reply(201, all_created()); }, PushOutcome::accepted, 1},
        {"wrong credentials", [](int) { return xml_reply(401, "Unauthorized"); }, PushOutcome::rejected, 1},
        {"409 conflict", [](int) { return xml_reply(409, conflict()); }, PushOutcome::rejected, 1},
        {"422 invalid", [](int) { return xml_reply(422, invalid()); }, PushOutcome::rejected, 1},
        {"207 partial", [](int) { return xml_reply(207, partly_created()); }, PushOutcome::partial, 1},
        {"slow server",
         [](int) {
             Reply reply = xml_reply(201, all_created());
             reply.delay = 2s;
             return reply;
         },
         PushOutcome::unreachable, 3},
        {"dropped mid-body",
         [](int) {
             Reply reply = xml_reply(201, all_created());
             reply.drop_mid_body = true;
             return reply;
         },
         PushOutcome::unreachable, 3},
        {"retry then success",
         [](int call) { return call == 1 ? xml_reply(504, "gateway") : xml_reply(200, all_created()); },
         PushOutcome::accepted, 2},
    };
    for (const auto& test : cases) {
        std::atomic<int> calls = 0;
        FakeRegistry server([&](const ReceivedRequest&) { return test.answer(++calls); });
        auto options = options_for(server, GetParam());
        options.http.timeout = 150ms;
        const auto report = registry::push_files({messages().structure}, options, credentials());
        EXPECT_EQ(report.files.front().outcome, test.expected)
            << registry::api_kind_name(GetParam()) << ", " << test.name << ": " << report.files.front().message;
        EXPECT_EQ(static_cast<int>(server.requests().size()), test.requests)
            << registry::api_kind_name(GetParam()) << ", " << test.name;
    }

    // TLS with an untrusted certificate: refused before anything is sent.
    FakeRegistry tls([](const ReceivedRequest&) { return xml_reply(201, all_created()); },
                     TestCertificate::make_self_signed());
    const auto report = registry::push_files({messages().structure}, options_for(tls, GetParam()), credentials());
    EXPECT_EQ(report.files.front().outcome, PushOutcome::unreachable) << report.files.front().message;
    EXPECT_TRUE(tls.requests().empty());
}

INSTANTIATE_TEST_SUITE_P(Registries, EveryApi, ::testing::Values(ApiKind::sdmx_rest_v2, ApiKind::fmr, ApiKind::dotstat),
                         [](const auto& info) {
                             std::string name = registry::api_kind_name(info.param);
                             std::erase(name, '-');
                             return name;
                         });

TEST(Credentials, NetrcMachineThenDefaultWithMacrosSkipped) {
    ScratchDirectory scratch;
    write_file(scratch / "netrc",
               "# registries\nmachine other.example.org login a password b\n"
               "macdef init\ncd /\nmachine registry.example.org login fake password fake\n\n"
               "machine registry.example.org\n  login editor\n  password s3cret\n"
               "default login anonymous password guest\n");
    const auto found = registry::read_netrc(scratch / "netrc", "registry.example.org");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->user, "editor");
    EXPECT_EQ(found->password, "s3cret");
    EXPECT_EQ(found->token, "s3cret");
    const auto fallback = registry::read_netrc(scratch / "netrc", "elsewhere.example.org");
    ASSERT_TRUE(fallback.has_value());
    EXPECT_EQ(fallback->user, "anonymous");
    write_file(scratch / "broken", "machine registry.example.org login");
    EXPECT_THROW(registry::read_netrc(scratch / "broken", "registry.example.org"), std::invalid_argument);
    EXPECT_FALSE(registry::read_netrc(scratch / "absent", "registry.example.org").has_value());
}

TEST(Url, SplitsAndRefusesCredentialsInTheUrl) {
    const auto url = registry::parse_url("https://registry.example.org:8443/sdmx/v2/?x=1");
    EXPECT_EQ(url.host, "registry.example.org");
    EXPECT_EQ(url.port, "8443");
    EXPECT_EQ(url.with_path("structure").target, "/sdmx/v2/structure");
    EXPECT_EQ(registry::parse_url("http://[::1]/").host, "::1");
    EXPECT_EQ(registry::parse_url("https://nsi.example.org").port, "443");
    EXPECT_THROW(registry::parse_url("https://user:pw@registry.example.org/"), std::invalid_argument);
    EXPECT_THROW(registry::parse_url("ftp://registry.example.org/"), std::invalid_argument);
}

}  // namespace

}  // namespace csdmx::test
