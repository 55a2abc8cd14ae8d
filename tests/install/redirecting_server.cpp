#include "tests/install/redirecting_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <thread>

namespace csdmx::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct RedirectingServer::Impl {
    std::function<std::string(const std::string&)> location;
    asio::io_context context;
    tcp::acceptor acceptor{context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::atomic<bool> stopping{false};
    std::atomic<int> served{0};
    std::thread thread;

    // One connection at a time is enough: the client sends one request per connection.
    void run() {
        while (!stopping) {
            tcp::socket socket(context);
            boost::system::error_code error;
            acceptor.accept(socket, error);
            if (error || stopping) continue;
            boost::beast::flat_buffer buffer;
            http::request<http::string_body> request;
            http::read(socket, buffer, request, error);
            if (error) continue;
            ++served;
            http::response<http::empty_body> response{http::status::found, 11};
            response.set(http::field::location, location(std::string(request.target())));
            response.set(http::field::connection, "close");
            response.prepare_payload();
            http::write(socket, response, error);
            socket.shutdown(tcp::socket::shutdown_send, error);
        }
    }
};

RedirectingServer::RedirectingServer(std::function<std::string(const std::string&)> location)
    : impl_(std::make_unique<Impl>()) {
    impl_->location = std::move(location);
    impl_->thread = std::thread([this] { impl_->run(); });
}

RedirectingServer::~RedirectingServer() {
    impl_->stopping = true;
    // Wake the blocking accept with one last connection.
    boost::system::error_code ignored;
    asio::io_context context;
    tcp::socket poke(context);
    poke.connect(impl_->acceptor.local_endpoint(), ignored);
    impl_->thread.join();
}

std::string RedirectingServer::url() const {
    return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port());
}

int RedirectingServer::requests() const {
    return impl_->served;
}

}  // namespace csdmx::test
