// A plain HTTP server on 127.0.0.1 that answers every request with a redirect
// (302 and a Location header), as github.com answers an archive URL with a
// redirect to codeload.github.com. The registry tests' FakeRegistry cannot set
// response headers, hence this one.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace csdmx::test {

class RedirectingServer {
public:
    // `location` gives the Location header for a request target.
    explicit RedirectingServer(std::function<std::string(const std::string& target)> location);
    ~RedirectingServer();
    RedirectingServer(const RedirectingServer&) = delete;
    RedirectingServer& operator=(const RedirectingServer&) = delete;
    std::string url() const;  // http://127.0.0.1:PORT
    int requests() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace csdmx::test
