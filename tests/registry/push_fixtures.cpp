#include "tests/registry/push_fixtures.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace csdmx::test {

using namespace std::chrono_literals;

const Messages& messages() {
    static const Messages converted = [] {
        // A folder of this process's own: ctest runs the tests in parallel processes.
        static const ScratchDirectory scratch;
        const auto folder = scratch / "messages";
        const auto result = run_command(
            shell_quote((build_directory() / "citizen-sdmx").string()) + " convert " +
            shell_quote((source_directory() / "samples/disability-access-survey/datapackage.json").string()) +
            " --out " + shell_quote(folder.string()));
        EXPECT_EQ(result.exit_code, 0) << result.output;
        Messages found;
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            const auto name = entry.path().filename().string();
            if (name.ends_with("-structure.xml")) found.structure = entry.path();
            if (name.ends_with("-data-structurespecific.xml")) found.data = entry.path();
        }
        return found;
    }();
    return converted;
}

registry::Credentials basic_credentials() {
    registry::Credentials credentials;
    credentials.user = "editor";
    credentials.password = kPassword;
    credentials.source = "test";
    return credentials;
}

registry::Credentials token_credentials() {
    registry::Credentials credentials;
    credentials.token = kToken;
    credentials.source = "test";
    return credentials;
}

registry::PushOptions options_for(const FakeRegistry& server, registry::ApiKind api) {
    registry::PushOptions options;
    options.api = api;
    options.registry = registry::parse_url(server.url());
    options.http.timeout = 2s;
    options.http.retries = 2;
    options.http.first_backoff = 20ms;
    options.poll_interval = 20ms;
    options.poll_timeout = 5s;
    return options;
}

Reply xml_reply(int status, const std::string& body) {
    Reply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

Reply json_reply(int status, const nlohmann::json& body) {
    Reply reply;
    reply.status = status;
    reply.content_type = "application/json";
    reply.body = body.dump();
    return reply;
}

std::string request_text(const ReceivedRequest& request) {
    return request.method + " " + request.target;
}

}  // namespace csdmx::test
