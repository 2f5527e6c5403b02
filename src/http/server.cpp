#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/crypto.hpp"
#include "core/log.hpp"
#include "http/head.hpp"
#include "http/problem.hpp"
#include "http/rate_limit.hpp"

namespace satupintu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr auto kTuple = asio::as_tuple(use_awaitable);

// The pages' policy; `img_origin` (a map tile server) may show images too.
std::string Csp(const std::string& img_origin) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" +
           (img_origin.empty() ? "" : " " + img_origin) +
           "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
           "frame-ancestors 'none'";
}

int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Counts a value up for the lifetime of the guard.
class CountGuard {
  public:
    explicit CountGuard(std::atomic<int64_t>& n) : n_(n) { ++n_; }
    ~CountGuard() { --n_; }
    CountGuard(const CountGuard&) = delete;
    CountGuard& operator=(const CountGuard&) = delete;

  private:
    std::atomic<int64_t>& n_;
};

}  // namespace

struct Server::Impl {
    Impl(ServerOptions o, const Router& r)
        : opts(std::move(o)),
          router(r),
          ioc(IoThreads()),
          readers(static_cast<size_t>(opts.worker_threads > 0 ? opts.worker_threads : Cores())),
          writers(static_cast<size_t>(std::max(1, opts.writer_threads))),
          acceptor(ioc),
          ip_limiter(opts.ip_rate_per_s, opts.ip_burst),
          csp(Csp(opts.img_origin)) {}

    static int Cores() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }
    int IoThreads() const { return opts.io_threads > 0 ? opts.io_threads : Cores(); }

    ServerOptions opts;
    const Router& router;
    asio::io_context ioc;
    asio::thread_pool readers;
    asio::thread_pool writers;
    tcp::acceptor acceptor;
    RateLimiter ip_limiter;
    const std::string csp;                          // the pages' Content-Security-Policy
    std::atomic<int64_t> refused_logged_second{0};  // the second of the last 429 logged
    std::atomic<int64_t> refused_left_out{0};       // 429s not logged since
    // The largest body any route takes: the header parser's limit before the route is known.
    const size_t max_body_limit = [this] {
        size_t most = opts.max_body_bytes;
        for (const auto& u : opts.upload_limits) most = std::max(most, u.bytes);
        return most;
    }();
    std::vector<std::thread> threads;
    std::atomic<int64_t> connections{0};
    std::atomic<int64_t> in_flight{0};
    std::atomic<int64_t> pending{0};  // requests handed to the worker pools, not yet answered
    std::atomic<bool> stopping{false};
    uint16_t bound_port = 0;
    std::mutex done_mu;
    std::condition_variable done_cv;
    bool done = false;  // guarded by done_mu

    awaitable<void> AcceptLoop() {
        for (;;) {
            auto strand = asio::make_strand(ioc);
            auto [ec, sock] = co_await acceptor.async_accept(strand, kTuple);
            if (stopping) co_return;
            if (ec) {
                if (ec == asio::error::operation_aborted) co_return;
                // Out of descriptors or similar: back off briefly instead of spinning.
                asio::steady_timer t(ioc, std::chrono::milliseconds(50));
                co_await t.async_wait(kTuple);
                continue;
            }
            if (connections.load() >= opts.max_connections) {
                asio::co_spawn(strand, RefuseBusy(std::move(sock)), asio::detached);
                continue;
            }
            asio::co_spawn(strand, Session(std::move(sock)), asio::detached);
        }
    }

    // Over the connection limit: one short answer, 503 with Retry-After, without reading the
    // request (it is not counted as a connection, and gives up after a second).
    awaitable<void> RefuseBusy(tcp::socket sock) {
        static const std::string kBusy = [] {
            const std::string body = std::string(R"({"type":"urn:satupintu:problem:unavailable","title":")") +
                                     std::string(Message("error.unavailable", Lang::kId)) +
                                     R"(","status":503,"code":"unavailable"})";
            return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json; charset=utf-8\r\n"
                   "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body;
        }();
        beast::tcp_stream stream(std::move(sock));
        stream.expires_after(std::chrono::seconds(1));
        co_await asio::async_write(stream, asio::buffer(kBusy), kTuple);
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    awaitable<void> Session(tcp::socket sock) {
        CountGuard conn(connections);
        try {
            co_await Serve(beast::tcp_stream(std::move(sock)));
        } catch (const std::exception& e) {
            log::Error("connection failed", {{"what", e.what()}});
        }
    }

    // Request ids: a random per-process prefix and a counter. Unique and cheap (no syscall).
    const std::string id_prefix = crypto::RandomToken(6);
    std::atomic<uint64_t> id_counter{0};

    Request BareRequest(const std::string& ip) {
        Request r;
        r.remote_ip = ip;
        char buf[24];
        std::snprintf(buf, sizeof buf, "-%llx", static_cast<unsigned long long>(++id_counter));
        r.request_id = id_prefix + buf;
        return r;
    }

    // Writes an error response for a request that could not be read, then the caller closes.
    awaitable<void> RefuseAndClose(beast::tcp_stream& stream, Request& req, Errc code) {
        Response res = Problem(req, code);
        res.Set("connection", "close");
        Finalize(req, res);
        co_await Write(stream, req, res, 11, false);
        Log(req, res, 0);
        // Lingering close: closing with unread input makes the kernel send a reset, which can
        // destroy the answer before the client reads it. Stop sending, then drain briefly.
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        std::array<char, 16384> sink;
        size_t drained = 0;
        stream.expires_after(std::chrono::milliseconds(500));
        while (drained < 1024 * 1024) {
            auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
            if (rec) break;
            drained += n;
        }
    }

    awaitable<void> Serve(beast::tcp_stream stream) {
        beast::error_code ec;
        std::string ip = stream.socket().remote_endpoint(ec).address().to_string();
        beast::flat_buffer buf;  // unbounded here: the parser's header and body limits bound it
        while (!stopping) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<uint32_t>(opts.max_header_bytes));
            // The header read already compares Content-Length with the limit: allow the larger
            // one here, and apply the route's own limit once the path is known.
            parser.body_limit(max_body_limit);
            stream.expires_after(std::chrono::milliseconds(opts.header_timeout_ms));
            auto [rec, n] = co_await bhttp::async_read_header(stream, buf, parser, kTuple);
            if (rec) {
                if (rec == bhttp::error::header_limit) {
                    Request req = BareRequest(ip);
                    co_await RefuseAndClose(stream, req, Errc::kHeadersTooLarge);
                } else if (rec == bhttp::error::body_limit) {
                    // The parser compares Content-Length with the limit while reading the header.
                    Request req = BareRequest(ip);
                    co_await RefuseAndClose(stream, req, Errc::kPayloadTooLarge);
                } else if (rec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                           rec != bhttp::error::end_of_stream && rec != bhttp::error::partial_message) {
                    Request req = BareRequest(ip);
                    co_await RefuseAndClose(stream, req, Errc::kInvalidInput);
                }
                break;  // closed, timed out (slow client), or reset
            }
            CountGuard busy(in_flight);
            const auto started = std::chrono::steady_clock::now();
            Request req = BareRequest(ip);
            const auto& head = parser.get();
            const unsigned version = head.version();
            if (!ReadHead(head, opts.trust_proxy, req)) {
                co_await RefuseAndClose(stream, req, Errc::kInvalidInput);
                break;
            }
            const size_t body_limit = BodyLimit(req.path);
            parser.body_limit(body_limit);
            if (const auto len = parser.content_length(); len && *len > body_limit) {
                // Refused before reading a byte of the body.
                co_await RefuseAndClose(stream, req, Errc::kPayloadTooLarge);
                break;
            }
            if (!parser.is_done()) {
                if (beast::iequals(head[bhttp::field::expect], "100-continue")) {
                    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
                    auto [wec, wn] = co_await bhttp::async_write(stream, cont, kTuple);
                    if (wec) break;
                }
                stream.expires_after(std::chrono::milliseconds(opts.body_timeout_ms));
                auto [bec, bn] = co_await bhttp::async_read(stream, buf, parser, kTuple);
                if (bec == bhttp::error::body_limit) {
                    co_await RefuseAndClose(stream, req, Errc::kPayloadTooLarge);
                    break;
                }
                if (bec) break;
            }
            req.body = std::move(parser.get().body());
            const bool keep_alive = parser.get().keep_alive();
            Response res = co_await Dispatch(req);
            Finalize(req, res);
            if (res.stream && res.status == 200) {
                co_await StreamEvents(stream, req, res, version);
                Log(req, res,
                    std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                        .count());
                break;
            }
            const bool keep = keep_alive && !stopping;
            const bool ok = co_await Write(stream, req, res, version, keep);
            Log(req, res,
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                    .count());
            if (!ok || !keep) break;
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    // A server-sent event stream: the header, then each published frame (as an HTTP/1.1 chunk),
    // a comment every 15 s so that idle proxies and dead clients are found, until the client
    // leaves or the server stops. The stream ends the connection.
    awaitable<void> StreamEvents(beast::tcp_stream& stream, const Request& req, Response& res, unsigned version) {
        const std::shared_ptr<EventStream> events = res.stream;
        bhttp::response<bhttp::empty_body> msg{bhttp::status::ok, version};
        msg.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
        if (res.Get("content-security-policy").empty()) msg.insert("content-security-policy", csp);
        for (const auto& [name, value] : kSecurityHeaders) {
            if (res.Get(name).empty()) msg.insert(name, value);  // a response may set its own (a page's CSP)
        }
        for (auto& f : res.headers) msg.insert(f.name, f.value);  // Set() keeps names unique; Add() repeats
        msg.set("x-accel-buffering", "no");                       // nginx: pass each event on at once
        msg.keep_alive(false);
        const bool chunked = version >= 11;
        if (chunked) msg.chunked(true);
        if (req.method == "HEAD") {
            events->Close();
            co_await Write(stream, req, res, version, false);
            co_return;
        }
        bhttp::response_serializer<bhttp::empty_body> head{msg};
        stream.expires_after(std::chrono::milliseconds(opts.write_timeout_ms));
        if (auto [ec, n] = co_await bhttp::async_write_header(stream, head, kTuple); ec) {
            events->Close();
            co_return;
        }
        auto timer = std::make_shared<asio::steady_timer>(stream.get_executor());
        // The wake-up is posted to this connection's strand, where this coroutine runs: it can
        // only land while the coroutine waits on the timer, never between Take() and the wait.
        events->OnPublish([timer] { asio::post(timer->get_executor(), [timer] { timer->cancel(); }); });
        const auto send = [&](std::string_view bytes) -> awaitable<bool> {
            stream.expires_after(std::chrono::milliseconds(opts.write_timeout_ms));
            if (chunked) {
                auto [ec, n] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(bytes)), kTuple);
                co_return !ec;
            }
            auto [ec, n] = co_await asio::async_write(stream, asio::buffer(bytes), kTuple);
            co_return !ec;
        };
        constexpr auto kHeartbeat = std::chrono::seconds(15);
        auto last_sent = std::chrono::steady_clock::now();
        bool open = true;
        while (open && !stopping) {
            if (auto frame = events->Take()) {
                open = co_await send(*frame);
                last_sent = std::chrono::steady_clock::now();
                continue;
            }
            if (std::chrono::steady_clock::now() - last_sent >= kHeartbeat) {
                open = co_await send(": keep-alive\n\n");
                last_sent = std::chrono::steady_clock::now();
                continue;
            }
            timer->expires_after(std::chrono::seconds(1));  // also notices a stopping server
            co_await timer->async_wait(kTuple);
        }
        events->Close();
        if (open && chunked) {
            stream.expires_after(std::chrono::milliseconds(500));
            co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
        }
    }

    size_t BodyLimit(const std::string& path) const {
        for (const auto& u : opts.upload_limits) {
            if (path.starts_with(u.prefix)) return u.bytes;
        }
        return opts.max_body_bytes;
    }

    static Response CallGuarded(const Handler& h, Request& req) {
        try {
            return h(req);
        } catch (const std::exception& e) {
            log::Error("handler threw", {{"rid", req.request_id}, {"route", req.route}, {"what", e.what()}});
            return Problem(req, Errc::kInternal);
        }
    }

    awaitable<Response> Dispatch(Request& req) {
        Response res = co_await Call(req);
        if (const std::shared_ptr<Pending> pending = std::move(res.pending)) {
            // Waits, holding no thread, for the pending response, then makes it on this
            // request's executor. (Written inline: GCC 12 destroyed a by-value shared_ptr
            // parameter of a separate coroutine twice here.)
            res = co_await asio::async_initiate<decltype(use_awaitable), void(Response)>(
                [&req, &pending](auto handler) {
                    auto ex = asio::get_associated_executor(handler);
                    auto waiting = std::make_shared<decltype(handler)>(std::move(handler));
                    pending->OnReady([waiting, ex, &req](Pending::Make make) {
                        asio::post(ex, [waiting, &req, make = std::move(make)] {
                            Response r = CallGuarded([&make](Request&) { return make(); }, req);
                            std::move (*waiting)(std::move(r));
                        });
                    });
                },
                use_awaitable);
        }
        co_return res;
    }

    awaitable<Response> Call(Request& req) {
        if (const int64_t wait = ip_limiter.Acquire(req.remote_ip, NowMs()); wait > 0) {
            Response r = Problem(req, Errc::kRateLimited);
            r.Set("retry-after", std::to_string((wait + 999) / 1000));
            co_return r;
        }
        Router::Match m = router.Find(req.method, req.path);
        if (!m.handler) {
            if (m.allowed.empty()) {
                if (opts.not_found) {
                    if (auto page = opts.not_found(req)) co_return std::move(*page);
                }
                co_return Problem(req, Errc::kNotFound);
            }
            Response r = Problem(req, Errc::kMethodNotAllowed);
            std::string allow;
            for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
            r.Set("allow", allow);
            co_return r;
        }
        req.params = std::move(m.params);
        req.route = std::move(m.pattern);
        if (m.run == Run::kInline || m.run == Run::kQuick) co_return CallGuarded(*m.handler, req);
        if (m.run == Run::kQuickFirst) {
            req.on_io_thread = true;
            Response r = CallGuarded(*m.handler, req);
            req.on_io_thread = false;
            if (!r.to_worker) co_return r;
        }
        const Handler* h = m.handler;
        auto& pool = req.method == "GET" || req.method == "HEAD" ? readers : writers;
        if (pending.load() >= opts.max_pending) co_return Overloaded(req);
        CountGuard queued(pending);
        co_return co_await asio::co_spawn(
            pool, [h, &req]() -> awaitable<Response> { co_return CallGuarded(*h, req); }, use_awaitable);
    }

    // Headers every response carries; written straight into the Beast message in Write().
    static constexpr std::pair<std::string_view, std::string_view> kSecurityHeaders[] = {
        {"x-content-type-options", "nosniff"},
        {"x-frame-options", "DENY"},
        {"referrer-policy", "no-referrer"},
        {"cross-origin-opener-policy", "same-origin"},
        {"permissions-policy", "geolocation=(self), camera=(self), microphone=()"},
    };

    void Finalize(const Request& req, Response& res) {
        if (req.secure || opts.hsts) res.Set("strict-transport-security", "max-age=31536000; includeSubDomains");
        if (res.Get("cache-control").empty()) res.Set("cache-control", "no-store");
        res.Set("x-request-id", req.request_id);
    }

    awaitable<bool> Write(beast::tcp_stream& stream, const Request& req, Response& res, unsigned version, bool keep) {
        bhttp::response<bhttp::string_body> msg{static_cast<bhttp::status>(res.status), version};
        if (!res.content_type.empty()) msg.set(bhttp::field::content_type, res.content_type);
        if (res.Get("content-security-policy").empty()) msg.insert("content-security-policy", csp);
        for (const auto& [name, value] : kSecurityHeaders) {
            if (res.Get(name).empty()) msg.insert(name, value);  // a response may set its own (a page's CSP)
        }
        for (auto& f : res.headers) msg.insert(f.name, f.value);  // Set() keeps names unique; Add() repeats
        if (req.method != "HEAD" && res.status != 304) msg.body() = std::move(res.body);
        msg.keep_alive(keep);
        msg.prepare_payload();
        stream.expires_after(std::chrono::milliseconds(opts.write_timeout_ms));
        auto [ec, n] = co_await bhttp::async_write(stream, msg, kTuple);
        res.body.clear();
        co_return !ec;
    }

    void Log(const Request& req, const Response& res, int64_t micros) {
        if (!opts.access_log) return;
        // Under a flood every refused request would be a line (70 MB in 10 s): a refusal (429 over
        // a rate, 503 over the load) is logged at most once a second, with how many were left out
        // since the last one.
        int64_t suppressed = -1;
        if (res.status == 429 || res.status == 503) {
            const int64_t second = NowMs() / 1000;
            int64_t last = refused_logged_second.load(std::memory_order_relaxed);
            if (last == second || !refused_logged_second.compare_exchange_strong(last, second)) {
                refused_left_out.fetch_add(1, std::memory_order_relaxed);
                return;
            }
            suppressed = refused_left_out.exchange(0);
        }
        // Route pattern, not the raw path or query: they may carry keys or personal data.
        boost::json::object f{{"rid", req.request_id},
                              {"method", req.method},
                              {"route", req.route.empty() ? "-" : req.route},
                              {"status", res.status},
                              {"us", micros}};
        if (!req.log_actor.empty()) f["actor"] = req.log_actor;
        if (suppressed >= 0) f["left_out"] = suppressed;
        log::Info("http", std::move(f));
    }

    awaitable<void> DrainThenStop() {
        asio::steady_timer t(ioc);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(opts.shutdown_grace_ms);
        while (in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
            t.expires_after(std::chrono::milliseconds(10));
            co_await t.async_wait(kTuple);
        }
        ioc.stop();
    }
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
    Stop();
    for (auto& t : impl_->threads) {
        if (t.joinable()) t.join();
    }
    impl_->readers.join();
    impl_->writers.join();
}

Status Server::Start() {
    Impl& s = *impl_;
    beast::error_code ec;
    const auto addr = asio::ip::make_address(s.opts.host, ec);
    if (ec) return Err(Errc::kInvalidInput, "bad listen address " + s.opts.host);
    const tcp::endpoint ep(addr, s.opts.port);
    s.acceptor.open(ep.protocol(), ec);
    if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(ep, ec);
    if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return Err(Errc::kUnavailable,
                   "cannot listen on " + s.opts.host + ":" + std::to_string(s.opts.port) + ": " + ec.message());
    s.bound_port = s.acceptor.local_endpoint().port();
    asio::co_spawn(s.ioc, s.AcceptLoop(), asio::detached);
    for (int i = 0; i < s.IoThreads(); ++i) {
        s.threads.emplace_back([&s] {
            pthread_setname_np(pthread_self(), "sp-io");
            s.ioc.run();
            std::lock_guard lock(s.done_mu);
            s.done = true;
            s.done_cv.notify_all();
        });
    }
    return Status::Ok();
}

uint16_t Server::port() const {
    return impl_->bound_port;
}

void Server::Stop() {
    Impl& s = *impl_;
    if (s.stopping.exchange(true)) return;
    asio::post(s.ioc, [&s] {
        beast::error_code ec;
        s.acceptor.close(ec);
        asio::co_spawn(s.ioc, s.DrainThenStop(), asio::detached);
    });
}

void Server::Wait(bool handle_signals) {
    Impl& s = *impl_;
    std::optional<asio::signal_set> signals;
    if (handle_signals) {
        signals.emplace(s.ioc, SIGTERM, SIGINT);
        signals->async_wait([this](const beast::error_code& ec, int sig) {
            if (ec) return;
            log::Info("stopping", {{"signal", sig}});
            Stop();
        });
    }
    {
        std::unique_lock lock(s.done_mu);
        s.done_cv.wait(lock, [&] { return s.done; });
    }
    for (auto& t : s.threads) {
        if (t.joinable()) t.join();
    }
    s.threads.clear();
}

void Server::SetRateShare(int nodes) {
    impl_->ip_limiter.SetShare(nodes);
}

Server::Stats Server::stats() const {
    return {impl_->connections.load(), impl_->in_flight.load()};
}

}  // namespace satupintu::http
