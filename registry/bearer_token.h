// The Bearer token of a .Stat Suite push: either a static token (from the
// environment or netrc) or one obtained from the identity provider's OpenID
// Connect token endpoint (Keycloak's .../protocol/openid-connect/token) with the
// client-credentials or the password grant, refreshed before it expires and
// again when a request answers 401. Keycloak's default access-token life is 5
// minutes while an import may be polled for 10 (FAO's statsuite_lib refreshes
// the same way: refresh_token grant, client "stat-suite").
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "registry/credentials.h"
#include "registry/http_client.h"
#include "registry/url.h"

namespace csdmx::registry {

struct TokenEndpoint {
    Url url;
    std::string client_id = "stat-suite";  // .Stat Suite's Keycloak client, as statsuite_lib uses
    std::string client_secret;             // client-credentials grant (and confidential clients)
    std::string user, password;            // password grant when a user is set
    std::string source;                    // where the secrets came from, for people
};

// The token endpoint's secrets: CSDMX_TOKEN_CLIENT_ID (default stat-suite),
// CSDMX_TOKEN_CLIENT_SECRET, and a user and password from CSDMX_REGISTRY_USER /
// CSDMX_REGISTRY_PASSWORD or the netrc entry of the endpoint's host. Throws
// std::invalid_argument when there is neither a user nor a client secret.
TokenEndpoint find_token_endpoint(const Url& url);

class BearerToken {
public:
    using Clock = std::chrono::steady_clock;
    explicit BearerToken(std::string token) : token_(std::move(token)) {}
    BearerToken(TokenEndpoint endpoint, const HttpClient& client) : endpoint_(std::move(endpoint)), client_(&client) {}

    // "Bearer ...", first getting or refreshing the token when it is missing or
    // in the last fifth of its life (at most 30 s before it expires). Throws
    // std::runtime_error when the identity provider refuses.
    std::string authorization();
    // After a 401: gets a new token; false for a static token (nothing to renew).
    bool renew();
    bool from_endpoint() const { return endpoint_.has_value(); }

private:
    void request(bool refresh);

    std::string token_;
    std::optional<TokenEndpoint> endpoint_;
    const HttpClient* client_ = nullptr;
    std::string refresh_token_;
    Clock::time_point renew_at_{};
};

}  // namespace csdmx::registry
