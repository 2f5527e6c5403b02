#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>

namespace satupintu::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

HttpResult Request(uint16_t port, const std::string& method, const std::string& target, const std::string& body,
                   const Headers& headers) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    stream.expires_after(std::chrono::seconds(30));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [n, v] : headers.list) req.set(n, v);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        req.body() = body;
        req.prepare_payload();
    }
    bhttp::write(stream, req);
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    bhttp::read(stream, buf, parser);
    auto& res = parser.get();
    HttpResult out;
    out.status = res.result_int();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "set-cookie") out.set_cookies.emplace_back(f.value());
        out.headers[name] = std::string(f.value());
    }
    out.body = res.body();
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    return out;
}

std::string RawExchange(uint16_t port, const std::string& bytes, int timeout_ms) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("connect failed");
    }
    size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
    }
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[4096];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
}

Session Login(uint16_t port, const std::string& region, const std::string& login, const std::string& password) {
    boost::json::object body{{"region", region}, {"login", login}, {"password", password}};
    auto r = PostJson(port, "/api/v1/auth/login", boost::json::serialize(body));
    if (r.status != 200) throw std::runtime_error("login failed: " + std::to_string(r.status) + " " + r.body);
    Session s;
    const std::string& c = r.set_cookies.at(0);
    s.cookie = c.substr(0, c.find(';'));
    s.csrf = std::string(boost::json::parse(r.body).at("csrf_token").as_string());
    return s;
}

}  // namespace satupintu::testing
