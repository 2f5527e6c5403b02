// The yardstick: a bare Boost.Beast HTTP/1.1 hello-world server, coroutine per connection,
// one I/O thread per core, keep-alive. No routing, no middleware, no store. The SatuPintu
// figures in docs/performance.md are measured against this, in the same run, on the same machine.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

static asio::awaitable<void> Session(tcp::socket sock) {
    beast::tcp_stream stream(std::move(sock));
    beast::flat_buffer buf;
    for (;;) {
        bhttp::request<bhttp::string_body> req;
        stream.expires_after(std::chrono::seconds(30));
        auto [ec, n] = co_await bhttp::async_read(stream, buf, req, asio::as_tuple(asio::use_awaitable));
        if (ec) break;
        bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
        res.set(bhttp::field::content_type, "application/json");
        res.body() = R"({"hello":"world"})";
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        auto [wec, wn] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
        if (wec || !req.keep_alive()) break;
    }
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

static asio::awaitable<void> Accept(asio::io_context& ioc, tcp::acceptor& acceptor) {
    for (;;) {
        auto strand = asio::make_strand(ioc);
        auto [ec, sock] = co_await acceptor.async_accept(strand, asio::as_tuple(asio::use_awaitable));
        if (ec) continue;
        asio::co_spawn(strand, Session(std::move(sock)), asio::detached);
    }
}

int main(int argc, char** argv) {
    const unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 8099;
    const int threads = static_cast<int>(std::thread::hardware_concurrency());
    asio::io_context ioc(threads);
    tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
    asio::co_spawn(ioc, Accept(ioc, acceptor), asio::detached);
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    for (auto& t : pool) t.join();
}
