// A small blocking HTTP/1.1 client for whole-server tests (one connection per request).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace satupintu::testing {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names; last value wins
    std::vector<std::string> set_cookies;
    std::string body;
    std::string Header(const std::string& lower) const {
        auto it = headers.find(lower);
        return it == headers.end() ? "" : it->second;
    }
};

struct Headers {
    std::vector<std::pair<std::string, std::string>> list;
    Headers& Add(std::string n, std::string v) {
        list.emplace_back(std::move(n), std::move(v));
        return *this;
    }
};

HttpResult Request(uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
                   const Headers& headers = {});
inline HttpResult Get(uint16_t port, const std::string& target, const Headers& h = {}) {
    return Request(port, "GET", target, "", h);
}
inline HttpResult PostJson(uint16_t port, const std::string& target, const std::string& json, Headers h = {}) {
    h.Add("Content-Type", "application/json");
    return Request(port, "POST", target, json, h);
}

// Sends raw bytes and reads until the server closes or `timeout_ms` passes. Returns what came back.
std::string RawExchange(uint16_t port, const std::string& bytes, int timeout_ms);

// A server-sent event client: GET `target` over HTTP/1.0 (so the stream is close-delimited),
// then one event at a time.
class EventReader {
  public:
    EventReader(uint16_t port, const std::string& target);
    ~EventReader();
    EventReader(const EventReader&) = delete;
    EventReader& operator=(const EventReader&) = delete;
    // The response status and header block (read on the first call to Next or Status).
    int Status(int timeout_ms = 5000);
    const std::string& head() const { return head_; }
    // The data of the next event, or nullopt if none came within `timeout_ms` (or the stream ended).
    std::optional<std::string> Next(int timeout_ms);

  private:
    bool Fill(std::chrono::steady_clock::time_point deadline);
    int fd_ = -1;
    std::string buf_;
    std::string head_;
    int status_ = 0;
};

// A logged-in session: cookie header value and CSRF token.
struct Session {
    std::string cookie;
    std::string csrf;
    Headers AuthHeaders() const {
        Headers h;
        h.Add("Cookie", cookie).Add("X-CSRF-Token", csrf);
        return h;
    }
};
Session Login(uint16_t port, const std::string& region, const std::string& login, const std::string& password);

}  // namespace satupintu::testing
