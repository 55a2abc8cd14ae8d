// What the push tests share: messages converted once from a bundled sample,
// credentials, options that fail fast, and replies of the fake registries.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "registry/credentials.h"
#include "registry/push.h"
#include "tests/registry/fake_registry.h"

namespace csdmx::test {

inline constexpr const char* kPassword = "s3cret-pa55word";
inline constexpr const char* kToken = "t0ken-for-dotstat";

// A structure and a data message converted once from a bundled sample.
struct Messages {
    std::filesystem::path structure;
    std::filesystem::path data;
};
const Messages& messages();

registry::Credentials basic_credentials();
registry::Credentials token_credentials();
// Short timeouts, few retries, fast polls: a failing test fails in seconds.
registry::PushOptions options_for(const FakeRegistry& server, registry::ApiKind api);

Reply xml_reply(int status, const std::string& body);
Reply json_reply(int status, const nlohmann::json& body);
std::string request_text(const ReceivedRequest& request);

}  // namespace csdmx::test
