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
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace satupintu::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

int ConnectLoopback(uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("connect failed");
    }
    return fd;
}

// With SATUPINTU_CONTRACT_LOG set, every answer is appended to that file as one JSON line
// (method, target, the JSON request body, status, content type, body); tests/contract/validate.mjs
// then checks each one against the OpenAPI document. The file is started afresh by each process.
void RecordForContract(const std::string& method, const std::string& target, const Headers& headers,
                       const std::string& request, const HttpResult& r) {
    static const char* path = std::getenv("SATUPINTU_CONTRACT_LOG");
    if (path == nullptr || *path == '\0') return;
    static std::mutex mu;
    static std::ofstream out(path, std::ios::trunc);
    const auto is_json = [](const std::string& type) { return type.find("json") != std::string::npos; };
    std::string request_type;
    for (const auto& [name, value] : headers.list)
        if (boost::beast::iequals(name, "content-type")) request_type = value;
    const std::string type = r.Header("content-type");
    // Other bodies (uploads, PDF, CSV, HTML) are not kept.
    const boost::json::object line{
        {"method", method},   {"target", target}, {"request", is_json(request_type) ? request : ""},
        {"status", r.status}, {"type", type},     {"body", is_json(type) ? r.body : ""}};
    const std::lock_guard lock(mu);
    out << boost::json::serialize(line) << '\n';
    out.flush();
}

}  // namespace

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
    RecordForContract(method, target, headers, body, out);
    return out;
}

std::string RawExchange(uint16_t port, const std::string& bytes, int timeout_ms) {
    const int fd = ConnectLoopback(port);
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

EventReader::EventReader(uint16_t port, const std::string& target) : fd_(ConnectLoopback(port)) {
    const std::string req = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
        throw std::runtime_error("send failed");
    }
}

EventReader::~EventReader() {
    if (fd_ >= 0) ::close(fd_);
}

bool EventReader::Fill(std::chrono::steady_clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[8192];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
}

int EventReader::Status(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (status_ == 0) {
        if (const size_t end = buf_.find("\r\n\r\n"); end != std::string::npos) {
            head_ = buf_.substr(0, end);
            buf_.erase(0, end + 4);
            status_ = std::stoi(head_.substr(head_.find(' ') + 1, 3));
            break;
        }
        if (!Fill(deadline)) break;
    }
    return status_;
}

std::optional<std::string> EventReader::Next(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    if (Status(timeout_ms) == 0) return std::nullopt;
    for (;;) {
        while (buf_.find("\n\n") == std::string::npos) {
            if (!Fill(deadline)) return std::nullopt;
        }
        const size_t end = buf_.find("\n\n");
        const std::string block = buf_.substr(0, end + 1);
        buf_.erase(0, end + 2);
        std::string data;
        bool any = false;
        for (size_t i = 0; i < block.size();) {
            const size_t nl = block.find('\n', i);
            const std::string line = block.substr(i, nl - i);
            i = nl + 1;
            if (line.rfind("data: ", 0) == 0) {
                if (any) data += '\n';
                data += line.substr(6);
                any = true;
            }
        }
        if (any) return data;  // a block of comments only (keep-alive) is skipped
    }
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
