// What push refuses before sending anything (issue 20: ids that are not SDMX ids,
// files that are not well-formed), how every path segment reaches the server
// percent-encoded, and .Stat Suite tokens from an identity provider, refreshed
// before they expire and after a 401 (issue 12, point 6).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>

#include "core/diagnostic.h"
#include "registry/push.h"
#include "tests/registry/fake_registry.h"
#include "tests/registry/push_fixtures.h"
#include "tests/registry/registry_answers.h"
#include "tests/test_support.h"

namespace csdmx::test {

namespace {

using namespace std::chrono_literals;
using registry::ApiKind;
using registry::PushOutcome;

// An SDMX-ML 2.1 structure message with one codelist of this agency, id and version.
std::string codelist_message(const std::string& agency, const std::string& id, const std::string& version) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<message:Structure xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\" "
           "xmlns:structure=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure\" "
           "xmlns:common=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n"
           "<message:Header><message:ID>S</message:ID><message:Test>false</message:Test>"
           "<message:Prepared>2026-11-22T10:00:00</message:Prepared><message:Sender id=\"NSO_MW\"/></message:Header>\n"
           "<message:Structures><structure:Codelists>\n"
           "<structure:Codelist agencyID=\"" +
           agency + "\" id=\"" + id + "\" version=\"" + version +
           "\"><common:Name xml:lang=\"en\">Test</common:Name></structure:Codelist>\n"
           "</structure:Codelists></message:Structures>\n</message:Structure>\n";
}

class PushSafety : public ::testing::Test {
protected:
    ScratchDirectory scratch;
};

TEST_F(PushSafety, IdsThatAreNotSdmxIdsAreRefusedBeforeAnyRequest) {
    FakeRegistry server([](const ReceivedRequest&) { return xml_reply(200, "<unexpected/>"); });
    // Space, CR/LF (an injected header line), a folder climb, a slash in the agency.
    const std::vector<std::tuple<std::string, std::string, std::string>> hostile = {
        {"NSO_MW", "CL A B", "1.0"},
        {"NSO_MW", "CL&#13;&#10;X-Injected: 1", "1.0"},
        {"NSO_MW", "../../admin", "1.0"},
        {"NSO_MW/../x", "CL_X", "1.0"},
        {"NSO_MW", "CL_X", "1.0 HTTP/1.1"}};
    for (const auto& [agency, id, version] : hostile) {
        write_file(scratch / "hostile.xml", codelist_message(agency, id, version));
        for (const std::string action : {"delete", "replace", "append"}) {
            auto options = options_for(server, ApiKind::sdmx_rest_v2);
            options.action = action;
            try {
                registry::push_files({scratch / "hostile.xml"}, options, basic_credentials());
                ADD_FAILURE() << id << " was not refused";
            } catch (const InputError& error) {
                // The Codelist's line (where libxml2's reader stands on it).
                EXPECT_TRUE(contains(error.what(), "hostile.xml:5:") || contains(error.what(), "hostile.xml:6:"))
                    << error.what();
                EXPECT_TRUE(contains(error.what(), "is not an SDMX")) << error.what();
                EXPECT_FALSE(contains(error.what(), "\r\n")) << "control characters are shown escaped";
            }
        }
    }
    EXPECT_TRUE(server.requests().empty());
}

TEST_F(PushSafety, EveryPathSegmentReachesTheServerPercentEncoded) {
    // '$' and '@' are allowed in SDMX ids (IDType) but not plain in a URL path.
    write_file(scratch / "special.xml", codelist_message("NSO_MW.SUB", "CL_$X@1", "1.0.0-draft"));
    FakeRegistry server([&](const ReceivedRequest& request) {
        auto verdicts = verdicts_for(scratch / "special.xml", "Success", "200", "done");
        for (auto& verdict : verdicts) verdict.action = request.method == "DELETE" ? "Delete" : "Replace";
        return xml_reply(200, submit_structure_response(verdicts));
    });
    for (const std::string action : {"replace", "delete"}) {
        auto options = options_for(server, ApiKind::sdmx_rest_v2);
        options.action = action;
        const auto report = registry::push_files({scratch / "special.xml"}, options, basic_credentials());
        EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    }
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2U);
    EXPECT_EQ(request_text(requests[0]), "PUT /structure/codelist/NSO_MW.SUB/CL_%24X%401/1.0.0-draft");
    EXPECT_EQ(request_text(requests[1]), "DELETE /structure/codelist/NSO_MW.SUB/CL_%24X%401/1.0.0-draft");
}

TEST_F(PushSafety, TruncatedOrCorruptFilesAreRefusedWithTheirLocation) {
    ASSERT_FALSE(messages().structure.empty() || messages().data.empty());
    const std::string data = read_file(messages().data);
    const std::string structure = read_file(messages().structure);
    write_file(scratch / "truncated-data.xml", data.substr(0, data.size() / 2));
    write_file(scratch / "truncated-structure.xml", structure.substr(0, structure.size() * 2 / 3));
    write_file(scratch / "open-quote.csv", "DATAFLOW,REF_AREA,OBS_VALUE\nNSO_MW:DF(1.0),MW,\"12.5\n");
    write_file(scratch / "short-row.csv", "DATAFLOW,REF_AREA,OBS_VALUE\nNSO_MW:DF(1.0),MW,1\nNSO_MW:DF(1.0),MW\n");
    write_file(scratch / "truncated.json", "{\"meta\": {\"id\": \"X\"},\n \"data\": {\"dataSets\": [");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"truncated-data.xml", "truncated-data.xml:"},
        {"truncated-structure.xml", "truncated-structure.xml:"},
        {"open-quote.csv", "open-quote.csv:2:"},
        {"short-row.csv", "short-row.csv:3:"},
        {"truncated.json", "truncated.json:2:"}};
    FakeRegistry server([](const ReceivedRequest&) { return json_reply(200, {{"uid", "u-1"}}); });
    for (const auto& [name, location] : cases) {
        // The good structure goes with it: nothing at all may be sent.
        try {
            registry::push_files({messages().structure, scratch / name}, options_for(server, ApiKind::fmr),
                                 basic_credentials());
            ADD_FAILURE() << name << " was not refused";
        } catch (const InputError& error) {
            EXPECT_TRUE(contains(error.what(), location)) << name << ": " << error.what();
        }
    }
    EXPECT_TRUE(server.requests().empty());

    // Well-formed CSV is not refused: an escaped quote pair split across the
    // checker's 64 KiB read blocks, commas and a line break inside quotes.
    std::string tricky = "A,B\nx,\"";
    tricky += std::string(65535 - tricky.size(), 'y');
    tricky += "\"\"z, quoted\nline\"\np,q\n";
    write_file(scratch / "tricky.csv", tricky);
    auto dry = options_for(server, ApiKind::fmr);
    dry.dry_run = true;
    EXPECT_NO_THROW(registry::push_files({scratch / "tricky.csv"}, dry, basic_credentials()));
    write_file(scratch / "tricky-short.csv", tricky + "r\n");  // and a short row after it is still found
    EXPECT_THROW(registry::push_files({scratch / "tricky-short.csv"}, dry, basic_credentials()), InputError);

    // From the command line: exit 2, the location, nothing sent.
    const auto result = run_command("env -u NETRC CSDMX_REGISTRY_USER=editor CSDMX_REGISTRY_PASSWORD=pw " +
                                    shell_quote((build_directory() / "citizen-sdmx").string()) + " push " +
                                    shell_quote((scratch / "short-row.csv").string()) + " --api fmr --registry " +
                                    server.url() + " --retries 0");
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_TRUE(contains(result.output, "short-row.csv:3:")) << result.output;
    EXPECT_TRUE(server.requests().empty());
}

// An identity provider's token endpoint (OAuth 2.0, RFC 6749 section 5.1, as
// Keycloak answers and statsuite_lib's keycloak.py reads it: access_token,
// expires_in, refresh_token) and a transfer service that accepts only tokens it
// issued and that have not expired.
struct FakeIdentityAndTransfer {
    FakeIdentityAndTransfer(std::chrono::milliseconds token_life, std::chrono::milliseconds runs, bool revoke = false)
        : life(token_life), import_runs(runs), revoke_first_token(revoke) {}

    std::chrono::milliseconds life;
    std::chrono::milliseconds import_runs;
    bool revoke_first_token = false;  // answer 401 to the first status poll

    std::mutex mutex;
    std::map<std::string, std::chrono::steady_clock::time_point> expiry;  // issued tokens
    std::vector<std::string> grants;
    std::atomic<int> unauthorised = 0;
    std::chrono::steady_clock::time_point imported{};
    int issued = 0;

    static std::string form_value(const std::string& body, const std::string& name) {
        const auto at = body.find(name + "=");
        if (at == std::string::npos || (at > 0 && body[at - 1] != '&')) return "";
        const auto start = at + name.size() + 1;
        return body.substr(start, body.find('&', start) - start);
    }

    Reply answer(const ReceivedRequest& request) {
        std::lock_guard lock(mutex);
        const auto now = std::chrono::steady_clock::now();
        if (request.target == "/realms/siscc/protocol/openid-connect/token") {
            const std::string grant = form_value(request.body, "grant_type");
            grants.push_back(grant);
            if (grant == "password" && form_value(request.body, "password") != "pa55") {
                return json_reply(401, {{"error", "invalid_grant"}, {"error_description", "Invalid user credentials"}});
            }
            const std::string token = "tok-" + std::to_string(++issued);
            expiry[token] = now + life;
            return json_reply(200, {{"access_token", token},
                                    {"expires_in", std::max<long long>(life.count() / 1000, 1)},
                                    {"refresh_expires_in", 1800},
                                    {"refresh_token", "refresh-" + std::to_string(issued)},
                                    {"token_type", "Bearer"}});
        }
        const std::string token = request.header("Authorization").substr(std::string("Bearer ").size());
        const auto found = expiry.find(token);
        const bool revoked = revoke_first_token && token == "tok-1" && request.target == "/3/status/request";
        if (found == expiry.end() || now >= found->second || revoked) {
            ++unauthorised;
            return json_reply(401, {{"message", "Unauthorized"}});
        }
        if (request.target == "/3/import/sdmxFile") {
            imported = now;
            return json_reply(200, {{"message", "Successfully registered request with ID: 3"}});
        }
        if (now - imported < import_runs) return json_reply(200, {{"requestId", 3}, {"executionStatus", "InProgress"}});
        return json_reply(200, {{"requestId", 3}, {"executionStatus", "Completed"}, {"outcome", "Success"}});
    }
};

class TokenEnvironment : public PushSafety {
protected:
    void SetUp() override {
        for (const char* name : {"CSDMX_REGISTRY_USER", "CSDMX_REGISTRY_PASSWORD", "CSDMX_REGISTRY_TOKEN",
                                 "CSDMX_TOKEN_CLIENT_ID", "CSDMX_TOKEN_CLIENT_SECRET"}) {
            unsetenv(name);
        }
        setenv("NETRC", (scratch / "netrc").c_str(), 1);
        write_file(scratch / "data.csv", "DATAFLOW,REF_AREA,OBS_VALUE\nNSO_MW:DF(1.0),MW,1\n");
    }
    void TearDown() override {
        unsetenv("NETRC");
        unsetenv("CSDMX_TOKEN_CLIENT_SECRET");
    }

    registry::PushOptions options(const FakeRegistry& server) {
        auto options = options_for(server, ApiKind::dotstat);
        options.transfer = registry::parse_url(server.url());
        options.dataspace = "design";
        options.token_url = registry::parse_url(server.url() + "/realms/siscc/protocol/openid-connect/token");
        options.poll_interval = 50ms;
        options.poll_timeout = 30s;  // a loaded machine may stall: the verdict, not the clock, is under test
        return options;
    }
};

TEST_F(TokenEnvironment, ClientCredentialsTokenIsRefreshedBeforeItExpires) {
    setenv("CSDMX_TOKEN_CLIENT_SECRET", "client-s3cret", 1);
    FakeIdentityAndTransfer fake{1000ms, 2500ms};
    FakeRegistry server([&](const ReceivedRequest& request) { return fake.answer(request); });
    const auto report = registry::push_files({scratch / "data.csv"}, options(server), {});
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    std::lock_guard lock(fake.mutex);
    ASSERT_GE(fake.grants.size(), 2U);
    EXPECT_EQ(fake.grants.front(), "client_credentials");
    EXPECT_EQ(fake.grants[1], "refresh_token");
    const auto first = server.requests().front();
    EXPECT_TRUE(contains(first.body, "client_secret=client-s3cret"));
    EXPECT_FALSE(contains(report.json(), "client-s3cret"));
    EXPECT_FALSE(contains(report.table(), "tok-"));
}

TEST_F(TokenEnvironment, PasswordGrantFromNetrcAndA401DuringPollingRenewsTheToken) {
    const std::string host = "127.0.0.1";  // the fake registries' address
    write_file(scratch / "netrc", "machine " + host + " login editor password pa55\n");
    FakeIdentityAndTransfer fake{300000ms, 100ms, true};
    FakeRegistry server([&](const ReceivedRequest& request) { return fake.answer(request); });
    const auto report = registry::push_files({scratch / "data.csv"}, options(server), {});
    EXPECT_EQ(report.files.front().outcome, PushOutcome::accepted) << report.files.front().message;
    EXPECT_EQ(fake.unauthorised.load(), 1);
    std::lock_guard lock(fake.mutex);
    EXPECT_EQ(fake.grants, (std::vector<std::string>{"password", "refresh_token"}));
    EXPECT_TRUE(contains(server.requests().front().body, "username=editor"));
    EXPECT_TRUE(contains(server.requests().front().body, "client_id=stat-suite"));

    // Wrong password: the identity provider's reason, and no data sent.
    write_file(scratch / "netrc", "machine " + host + " login editor password wrong\n");
    FakeIdentityAndTransfer refusing{300000ms, 100ms};
    FakeRegistry refused_server([&](const ReceivedRequest& request) { return refusing.answer(request); });
    const auto refused = registry::push_files({scratch / "data.csv"}, options(refused_server), {});
    EXPECT_EQ(refused.files.front().outcome, PushOutcome::rejected);
    EXPECT_TRUE(contains(refused.files.front().message, "Invalid user credentials")) << refused.files.front().message;
    EXPECT_EQ(refused_server.requests().size(), 1U);

    // Neither a user nor a client secret: refused before anything is sent.
    write_file(scratch / "netrc", "");
    EXPECT_THROW(registry::push_files({scratch / "data.csv"}, options(refused_server), {}), std::invalid_argument);
    EXPECT_EQ(refused_server.requests().size(), 1U);
}

}  // namespace

}  // namespace csdmx::test
