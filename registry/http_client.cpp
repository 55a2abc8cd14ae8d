#include "registry/http_client.h"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/ascii.h"
#include "core/version.h"

namespace csdmx::registry {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;

bool is_ip_literal(const std::string& host) {
    boost::system::error_code error;
    asio::ip::make_address(host, error);
    return !error;
}

std::uint64_t body_length(const HttpRequest& request) {
    std::uint64_t length = request.body_prefix.size() + request.body_suffix.size();
    if (request.body_file) length += std::filesystem::file_size(*request.body_file);
    return length;
}

std::string header_text(const Url& url, const HttpRequest& request) {
    http::request<http::empty_body> head{http::string_to_verb(request.method), url.target, 11};
    if (head.method() == http::verb::unknown) head.method_string(request.method);
    head.set(http::field::host, url.host_header());
    head.set(http::field::user_agent, std::string("citizen-sdmx/") + CITIZEN_SDMX_VERSION);
    head.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers) head.set(name, value);
    const std::uint64_t length = body_length(request);
    if (length > 0 || request.method == "POST" || request.method == "PUT") {
        head.set(http::field::content_length, std::to_string(length));
    }
    std::ostringstream text;
    text << head.base();
    return text.str();
}

template <typename Stream>
asio::awaitable<void> write_bytes(Stream& stream, std::string_view bytes, std::chrono::milliseconds timeout) {
    if (bytes.empty()) co_return;
    beast::get_lowest_layer(stream).expires_after(timeout);
    co_await asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), asio::use_awaitable);
}

// One request and its answer over a connected stream, the body read from disk in chunks.
template <typename Stream>
asio::awaitable<HttpResponse> exchange(Stream& stream, const Url& url, const HttpRequest& request,
                                       const HttpOptions& options) {
    co_await write_bytes(stream, header_text(url, request), options.timeout);
    co_await write_bytes(stream, request.body_prefix, options.timeout);
    if (request.body_file) {
        std::ifstream file(*request.body_file, std::ios::binary);
        if (!file) throw std::runtime_error("cannot read " + request.body_file->string());
        std::string chunk(kChunkBytes, '\0');
        while (file) {
            file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            co_await write_bytes(stream, std::string_view(chunk.data(), static_cast<std::size_t>(file.gcount())),
                                 options.timeout);
        }
    }
    co_await write_bytes(stream, request.body_suffix, options.timeout);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_response_bytes);
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    auto message = parser.release();
    HttpResponse response;
    response.status = static_cast<int>(message.result_int());
    response.reason = std::string(message.reason());
    for (const auto& field : message) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response.body = std::move(message.body());
    co_return response;
}

asio::awaitable<void> connect(beast::tcp_stream& stream, const Url& url, std::chrono::milliseconds timeout) {
    tcp::resolver resolver(co_await asio::this_coro::executor);
    const auto endpoints = co_await resolver.async_resolve(url.host, url.port, asio::use_awaitable);
    stream.expires_after(timeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
}

asio::awaitable<HttpResponse> plain_attempt(const Url& url, const HttpRequest& request, const HttpOptions& options) {
    beast::tcp_stream stream(co_await asio::this_coro::executor);
    co_await connect(stream, url, options.timeout);
    co_return co_await exchange(stream, url, request, options);
}

asio::awaitable<HttpResponse> tls_attempt(const Url& url, const HttpRequest& request, const HttpOptions& options) {
    ssl::context context(ssl::context::tls_client);
    context.set_verify_mode(ssl::verify_peer);
    if (options.ca_file) {
        context.load_verify_file(options.ca_file->string());
    } else {
        context.set_default_verify_paths();
    }
    beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, context);
    SSL* handle = stream.native_handle();
    // The certificate must be for this host: by name (and SNI), or by IP address.
    if (is_ip_literal(url.host)) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(handle), url.host.c_str());
    } else {
        SSL_set_tlsext_host_name(handle, url.host.c_str());
        SSL_set1_host(handle, url.host.c_str());
    }
    co_await connect(beast::get_lowest_layer(stream), url, options.timeout);
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    try {
        co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    } catch (const boost::system::system_error&) {
        const long verdict = SSL_get_verify_result(handle);
        if (verdict != X509_V_OK) {
            throw UntrustedServerError(url.text() + ": the server's certificate is refused (" +
                                       X509_verify_cert_error_string(verdict) +
                                       "); give the CA that signed it with --ca-file");
        }
        throw;
    }
    co_return co_await exchange(stream, url, request, options);
}

std::string describe(const boost::system::error_code& error, const HttpOptions& options) {
    if (error == beast::error::timeout) {
        return "no answer within " + std::to_string(options.timeout.count()) + " ms";
    }
    if (error == http::error::partial_message || error == http::error::end_of_stream || error == asio::error::eof ||
        error == asio::error::connection_reset) {
        return "the connection was closed before the answer was complete";
    }
    if (error == http::error::body_limit) return "the answer is larger than the client accepts";
    return error.message();
}

bool retried_status(int status) {
    return status == 502 || status == 503 || status == 504;
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
    const std::string wanted = ascii_lower(name);
    for (const auto& [key, value] : headers) {
        if (ascii_lower(key) == wanted) return value;
    }
    return "";
}

void HttpClient::log(const std::string& line) const {
    if (options_.log) options_.log(line);
}

HttpResponse HttpClient::send(const Url& url, const HttpRequest& request) const {
    const unsigned attempts = options_.retries + 1;
    auto backoff = options_.first_backoff;
    for (unsigned attempt = 1;; ++attempt) {
        std::string failure;
        try {
            asio::io_context context;
            auto answer = asio::co_spawn(
                context, url.tls() ? tls_attempt(url, request, options_) : plain_attempt(url, request, options_),
                asio::use_future);
            context.run();
            HttpResponse response = answer.get();
            if (!retried_status(response.status)) return response;
            failure = "answered " + std::to_string(response.status) + " " + response.reason;
        } catch (const UntrustedServerError&) {
            throw;
        } catch (const boost::system::system_error& error) {
            failure = describe(error.code(), options_);
        }
        if (attempt >= attempts) {
            throw UnreachableError(request.method + " " + url.text() + ": " + failure + " (" +
                                   std::to_string(attempts) + (attempts == 1 ? " attempt)" : " attempts)"));
        }
        log(request.method + " " + url.text() + ": " + failure + "; retrying in " + std::to_string(backoff.count()) +
            " ms (attempt " + std::to_string(attempt + 1) + " of " + std::to_string(attempts) + ")");
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

std::string basic_authorization(const std::string& user, const std::string& password) {
    const std::string plain = user + ":" + password;
    std::string encoded(4 * ((plain.size() + 2) / 3) + 1, '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                        reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size()));
    encoded.resize(static_cast<std::size_t>(length));
    return "Basic " + encoded;
}

}  // namespace csdmx::registry
