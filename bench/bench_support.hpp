// What the whole-server benchmarks share: a keep-alive HTTP/1.1 client on a raw socket, and a real
// SatuPintu server on a fresh SQLite folder with the demo region seeded.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/config.hpp"
#include "app/context.hpp"
#include "app/demo.hpp"
#include "core/ids.hpp"
#include "identity/nik_vault.hpp"

namespace satupintu::bench {

using Steady = std::chrono::steady_clock;

inline double Seconds(Steady::time_point from) {
    return std::chrono::duration<double>(Steady::now() - from).count();
}

inline int ConnectLoopback(uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        throw std::runtime_error("connect");
    }
    return fd;
}

// A keep-alive HTTP/1.1 client: enough for a benchmark (Content-Length bodies only).
class Conn {
  public:
    struct Reply {
        int status = -1;
        std::string head;
        std::string body;
    };
    explicit Conn(uint16_t port) : fd_(ConnectLoopback(port)) {}
    ~Conn() { close(fd_); }
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    Reply Post(const std::string& target, const std::string& headers, const std::string& body) {
        return Send("POST", target, headers, body);
    }
    Reply Get(const std::string& target, const std::string& headers = "") { return Send("GET", target, headers, ""); }

    Reply Send(const std::string& method, const std::string& target, const std::string& headers,
               const std::string& body) {
        std::string req = method + " " + target +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
                          headers + "\r\n" + body;
        for (size_t off = 0; off < req.size();) {
            const ssize_t w = write(fd_, req.data() + off, req.size() - off);
            if (w <= 0) return {};
            off += static_cast<size_t>(w);
        }
        size_t end;
        while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
            if (!Fill()) return {};
        }
        Reply r;
        r.status = std::atoi(buf_.c_str() + 9);
        r.head = buf_.substr(0, end);
        size_t length = 0;
        for (const char* name : {"content-length: ", "Content-Length: "}) {
            if (const auto at = r.head.find(name); at != std::string::npos)
                length = std::strtoul(r.head.c_str() + at + 16, nullptr, 10);
        }
        while (buf_.size() < end + 4 + length) {
            if (!Fill()) return {};
        }
        r.body = buf_.substr(end + 4, length);
        buf_.erase(0, end + 4 + length);
        return r;
    }

  private:
    bool Fill() {
        char tmp[8192];
        const ssize_t r = read(fd_, tmp, sizeof tmp);
        if (r <= 0) return false;
        buf_.append(tmp, static_cast<size_t>(r));
        return true;
    }
    int fd_;
    std::string buf_;
};

// A started server on a new SQLite folder with Kabupaten Serang seeded; no rate limits, no
// access log, no SLA sweep. The folder is removed with the server.
class DemoServer {
  public:
    DemoServer() {
        auto loaded = app::LoadConfig("");
        config_ = *loaded;
        config_.listen = "127.0.0.1:0";
        config_.data_dir = std::filesystem::temp_directory_path() / ("satupintu-bench-" + NewId());
        config_.ip_rate_per_s = 0;
        config_.account_rate_per_s = 0;
        config_.access_log = false;
        config_.sla_sweep_seconds = 0;
        auto app = app::Application::Create(config_);
        if (!app) throw std::runtime_error(app.error().detail);
        app_ = std::move(*app);
        SystemClock clock;
        const identity::NikVault vault(*app::MasterKey(config_));
        std::ostringstream quiet;
        auto st = app::EnsureWilayah(app_->store(), config_.share_dir, quiet);
        if (st) st = app::SeedRegion(app_->store(), vault, clock, config_.share_dir, "36.04", "serang", quiet);
        if (!st) throw std::runtime_error(st.error().detail);
    }
    ~DemoServer() {
        if (started_) {
            app_->Stop();
            app_->Wait(false);
        }
        app_.reset();
        std::filesystem::remove_all(config_.data_dir);
    }
    DemoServer(const DemoServer&) = delete;
    DemoServer& operator=(const DemoServer&) = delete;

    void Start() {
        if (auto st = app_->Start(); !st) throw std::runtime_error(st.error().detail);
        started_ = true;
    }
    uint16_t port() const { return app_->port(); }
    app::Application& app() { return *app_; }
    const app::Config& config() const { return config_; }

  private:
    app::Config config_;
    std::unique_ptr<app::Application> app_;
    bool started_ = false;
};

}  // namespace satupintu::bench
