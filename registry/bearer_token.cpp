#include "registry/bearer_token.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/environment.h"
#include "registry/json_answers.h"

namespace csdmx::registry {

namespace {

std::string form_value(const std::string& name, const std::string& value) {
    return name + "=" + percent_encode(value);
}

}  // namespace

TokenEndpoint find_token_endpoint(const Url& url) {
    TokenEndpoint endpoint;
    endpoint.url = url;
    if (!environment_variable("CSDMX_TOKEN_CLIENT_ID").empty()) {
        endpoint.client_id = environment_variable("CSDMX_TOKEN_CLIENT_ID");
    }
    endpoint.client_secret = environment_variable("CSDMX_TOKEN_CLIENT_SECRET");
    const Credentials user = find_credentials(url.host);
    if (user.has_basic()) {
        endpoint.user = user.user;
        endpoint.password = user.password;
    }
    if (endpoint.user.empty() && endpoint.client_secret.empty()) {
        throw std::invalid_argument(
            "--token-url needs a client secret (CSDMX_TOKEN_CLIENT_SECRET, client-credentials grant) or a user and "
            "password (CSDMX_REGISTRY_USER and CSDMX_REGISTRY_PASSWORD, or a 'machine " +
            url.host + "' entry in your netrc file: password grant)");
    }
    endpoint.source = (endpoint.user.empty() ? "client credentials" : "password grant") + std::string(" from ") +
                      (user.has_basic() ? user.source : "environment") + " for " + url.text();
    return endpoint;
}

void BearerToken::request(bool refresh) {
    const TokenEndpoint& endpoint = *endpoint_;
    std::string body;
    if (refresh) {
        body = form_value("grant_type", "refresh_token") + "&" + form_value("refresh_token", refresh_token_);
    } else if (!endpoint.user.empty()) {
        body = form_value("grant_type", "password") + "&" + form_value("username", endpoint.user) + "&" +
               form_value("password", endpoint.password);
    } else {
        body = form_value("grant_type", "client_credentials");
    }
    body += "&" + form_value("client_id", endpoint.client_id);
    if (!endpoint.client_secret.empty()) body += "&" + form_value("client_secret", endpoint.client_secret);
    HttpRequest post;
    post.method = "POST";
    post.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    post.headers.emplace_back("Accept", "application/json");
    post.body_prefix = body;
    const auto asked = Clock::now();
    const HttpResponse answer = client_->send(endpoint.url, post);
    const TokenAnswer token = read_token_answer(answer.status, answer.body);
    if (token.access_token.empty()) {
        throw std::runtime_error("the identity provider at " + endpoint.url.text() + " refused the " +
                                 (refresh ? "token refresh" : "token request") + " (HTTP " +
                                 std::to_string(answer.status) + (token.refusal.empty() ? "" : ": " + token.refusal) +
                                 ")");
    }
    token_ = token.access_token;
    refresh_token_ = token.refresh_token;
    const auto lifetime = std::chrono::duration_cast<std::chrono::milliseconds>(token.lifetime);
    const auto margin = std::min<std::chrono::milliseconds>(lifetime / 5, std::chrono::seconds(30));
    renew_at_ = asked + lifetime - margin;
}

std::string BearerToken::authorization() {
    if (endpoint_ && (token_.empty() || Clock::now() >= renew_at_)) {
        if (token_.empty() || refresh_token_.empty()) {
            request(false);
        } else {
            try {
                request(true);
            } catch (const std::runtime_error&) {
                request(false);  // the refresh token expired too: log in again
            }
        }
    }
    return "Bearer " + token_;
}

bool BearerToken::renew() {
    if (!endpoint_) return false;
    renew_at_ = Clock::time_point{};  // the next authorization() asks for a new one
    return true;
}

}  // namespace csdmx::registry
