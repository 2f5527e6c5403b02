// The HTTP/1.1 server: the only place that knows Boost.Beast and Asio.
//
// One coroutine per connection: read the header (with a deadline and a size limit), refuse an
// oversize body before reading it, read the body (deadline, limit), run the route, write, loop
// while keep-alive. Handlers marked Run::kWorker run on a separate worker pool so that the I/O
// threads never block. Every response, errors included, carries the security headers and a
// request id, and one JSON line goes to the access log.
//
// Thread safety: Start/Stop/Wait from one controlling thread; the Router and options are read
// concurrently and must not change after Start.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/router.hpp"

namespace satupintu::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;     // 0: pick a free port (tests)
    int io_threads = 0;       // 0: one per core
    int worker_threads = 0;   // reads (GET/HEAD) that may block; 0: one per core
    int writer_threads = 64;  // everything else: mostly waiting for a durable commit
    size_t max_header_bytes = 16 * 1024;
    size_t max_body_bytes = 1024 * 1024;
    // Uploads (photos, documents) may be larger, on these path prefixes only, each to its own
    // limit (a photo's 5 MiB is refused from its Content-Length, not read first).
    struct UploadLimit {
        std::string prefix;
        size_t bytes;
    };
    std::vector<UploadLimit> upload_limits = {{"/api/v1/attachments", 5 * 1024 * 1024},
                                              {"/open311/v2/requests", 5 * 1024 * 1024},
                                              {"/api/v1/documents/verify", 6 * 1024 * 1024},
                                              {"/api/v1/reconciliation", 6 * 1024 * 1024}};
    int header_timeout_ms = 10000;  // whole header block, and idle keep-alive
    int body_timeout_ms = 30000;
    int write_timeout_ms = 30000;
    int max_connections = 10000;  // beyond it a new connection gets 503 + Retry-After and is closed
    // Requests waiting for or running on the worker pools; beyond it 503 + Retry-After at once,
    // rather than an answer so late that the client has given up.
    int max_pending = 4096;
    int shutdown_grace_ms = 15000;
    bool trust_proxy = false;    // take client address and scheme from X-Forwarded-For / -Proto
    bool hsts = false;           // always send HSTS (served behind TLS)
    double ip_rate_per_s = 100;  // per client address; 0 disables
    double ip_burst = 200;
    bool access_log = true;
    // An origin added to the pages' img-src (a map tile server, https://tile.example.org); empty: none.
    std::string img_origin;
    // Answers a path no route has (default, and when it returns nullopt: problem+json 404); the
    // application gives browsers a page here.
    std::function<std::optional<Response>(const Request&)> not_found;
};

class Server {
  public:
    Server(ServerOptions options, const Router& router);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts the I/O threads and the worker pool.
    Status Start();
    uint16_t port() const;
    // Graceful stop: stop accepting, let in-flight requests finish (up to the grace period),
    // then close every connection. Safe to call from any thread, more than once.
    void Stop();
    // Blocks until stopped; with `handle_signals`, SIGTERM and SIGINT call Stop().
    void Wait(bool handle_signals);

    struct Stats {
        int64_t connections = 0;
        int64_t in_flight = 0;
    };
    Stats stats() const;
    // The per-address limit's share when `nodes` servers stand behind one balancer.
    void SetRateShare(int nodes);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace satupintu::http
