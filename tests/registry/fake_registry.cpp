#include "tests/registry/fake_registry.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <mutex>
#include <thread>

#include "core/ascii.h"

namespace csdmx::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

std::string ReceivedRequest::header(const std::string& name) const {
    const auto found = headers.find(ascii_lower(name));
    return found == headers.end() ? "" : found->second;
}

struct FakeRegistry::Impl {
    Handler handler;
    asio::io_context context;
    std::optional<ssl::context> tls;
    tcp::acceptor acceptor{context};
    std::thread thread;
    mutable std::mutex mutex;
    std::vector<ReceivedRequest> received;

    template <typename Stream>
    asio::awaitable<void> answer(Stream& stream) {
        beast::flat_buffer buffer;
        http::request_parser<http::string_body> parser;
        parser.body_limit(512U << 20U);
        co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
        const auto& message = parser.get();
        ReceivedRequest request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        for (const auto& field : message) {
            request.headers[ascii_lower(std::string(field.name_string()))] = std::string(field.value());
        }
        request.body = message.body();
        {
            std::lock_guard lock(mutex);
            received.push_back(request);
        }
        const Reply reply = handler(request);
        if (reply.delay.count() > 0) {
            asio::steady_timer timer(co_await asio::this_coro::executor, reply.delay);
            co_await timer.async_wait(asio::use_awaitable);
        }
        if (reply.drop_mid_body) {
            const std::string head = "HTTP/1.1 " + std::to_string(reply.status) +
                                     " OK\r\nContent-Type: " + reply.content_type +
                                     "\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" +
                                     reply.body.substr(0, reply.body.size() / 2);
            co_await asio::async_write(stream, asio::buffer(head), asio::use_awaitable);
            co_return;  // the connection closes with the half-sent body
        }
        http::response<http::string_body> response{static_cast<http::status>(reply.status), 11};
        response.set(http::field::content_type, reply.content_type);
        response.set(http::field::connection, "close");
        response.body() = reply.body;
        response.prepare_payload();
        co_await http::async_write(stream, response, asio::use_awaitable);
    }

    asio::awaitable<void> session(tcp::socket socket) {
        try {
            if (tls) {
                beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
                co_await stream.async_handshake(ssl::stream_base::server, asio::use_awaitable);
                co_await answer(stream);
            } else {
                beast::tcp_stream stream(std::move(socket));
                co_await answer(stream);
                beast::error_code ignored;
                stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            }
        } catch (const std::exception&) {
            // A client that hangs up or refuses our certificate: that is what some tests do.
        }
    }

    asio::awaitable<void> accept_loop() {
        while (true) {
            tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
            asio::co_spawn(context, session(std::move(socket)), asio::detached);
        }
    }
};

FakeRegistry::FakeRegistry(Handler handler, const std::optional<TestCertificate>& certificate)
    : impl_(std::make_unique<Impl>()) {
    impl_->handler = std::move(handler);
    if (certificate) {
        impl_->tls.emplace(ssl::context::tls_server);
        impl_->tls->use_certificate_chain(asio::buffer(certificate->certificate_pem));
        impl_->tls->use_private_key(asio::buffer(certificate->private_key_pem), ssl::context::pem);
    }
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen();
    asio::co_spawn(impl_->context, impl_->accept_loop(), asio::detached);
    impl_->thread = std::thread([this] { impl_->context.run(); });
}

FakeRegistry::~FakeRegistry() {
    impl_->context.stop();
    impl_->thread.join();
}

std::string FakeRegistry::url() const {
    const auto port = std::to_string(impl_->acceptor.local_endpoint().port());
    return impl_->tls ? "https://localhost:" + port : "http://127.0.0.1:" + port;
}

std::vector<ReceivedRequest> FakeRegistry::requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->received;
}

}  // namespace csdmx::test
