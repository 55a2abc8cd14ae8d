// A real HTTP/HTTPS server on 127.0.0.1 (Boost.Beast), run in the test process,
// answering as the test script says: the registry the push tests talk to. It can
// answer late (timeouts) or drop the connection halfway through an answer.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/registry/test_certificate.h"

namespace csdmx::test {

struct ReceivedRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string header(const std::string& name) const;
};

struct Reply {
    int status = 200;
    std::string content_type = "application/xml";
    std::string body;
    std::chrono::milliseconds delay{0};  // before answering
    bool drop_mid_body = false;          // send the headers and half the body, then close
};

class FakeRegistry {
public:
    using Handler = std::function<Reply(const ReceivedRequest&)>;
    // Plain HTTP, or HTTPS with `certificate`.
    explicit FakeRegistry(Handler handler, const std::optional<TestCertificate>& certificate = std::nullopt);
    ~FakeRegistry();
    FakeRegistry(const FakeRegistry&) = delete;
    FakeRegistry& operator=(const FakeRegistry&) = delete;

    // http://127.0.0.1:PORT, or https://localhost:PORT
    std::string url() const;
    std::vector<ReceivedRequest> requests() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace csdmx::test
