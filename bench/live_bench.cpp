// Live dashboards under load: SUBSCRIBERS server-sent event streams of one region's dashboard,
// held open on one server, while complaints are filed through the JSON API at RATE per second for
// SECONDS (durable, each with its event and projections). For every filing and every subscriber:
// how long after the filing was answered did that subscriber receive a summary counting it?
// Target: every update within one second for 1,000 subscribers at 1,000 filings/s.
//
//   build/bench/live_bench [SUBSCRIBERS] [RATE] [SECONDS] [FILERS]     (defaults 1000 1000 10 32)
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_support.hpp"

using namespace satupintu;
using bench::Seconds;
using bench::Steady;

namespace {

int64_t NowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(Steady::now().time_since_epoch()).count();
}

// Today's complaint count in a summary frame: "today":{"complaint":{"in":N.
int64_t TodayIn(const std::string& frame) {
    static const std::string kKey = "\"today\":{\"complaint\":{\"in\":";
    const size_t at = frame.find(kKey);
    return at == std::string::npos ? -1 : std::strtoll(frame.c_str() + at + kKey.size(), nullptr, 10);
}

struct Subscriber {
    int fd = -1;
    std::string buf;
    bool header_done = false;
    std::vector<std::pair<int64_t, int64_t>> frames;  // (received at, today's count)
};

// Reads every subscriber's stream until `stop`, recording each summary frame; `ready` counts the
// subscribers that have received their first one.
void Listen(std::vector<Subscriber>& subs, const std::atomic<bool>& stop, std::atomic<size_t>& ready) {
    std::vector<pollfd> fds(subs.size());
    for (size_t i = 0; i < subs.size(); ++i) fds[i] = {subs[i].fd, POLLIN, 0};
    char chunk[65536];
    while (!stop) {
        if (poll(fds.data(), fds.size(), 100) <= 0) continue;
        const int64_t now = NowUs();
        for (size_t i = 0; i < fds.size(); ++i) {
            if (!(fds[i].revents & POLLIN)) continue;
            auto& s = subs[i];
            const ssize_t n = read(s.fd, chunk, sizeof chunk);
            if (n <= 0) {
                fds[i].fd = -1;  // closed: stop polling it (counted as missed updates)
                continue;
            }
            s.buf.append(chunk, static_cast<size_t>(n));
            if (!s.header_done) {
                const size_t end = s.buf.find("\r\n\r\n");
                if (end == std::string::npos) continue;
                s.buf.erase(0, end + 4);
                s.header_done = true;
            }
            for (size_t end; (end = s.buf.find("\n\n")) != std::string::npos;) {
                const int64_t count = TodayIn(s.buf.substr(0, end));
                if (count >= 0) {
                    if (s.frames.empty()) ++ready;
                    s.frames.emplace_back(now, count);
                }
                s.buf.erase(0, end + 2);
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int subscribers = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int rate = argc > 2 ? std::atoi(argv[2]) : 1000;
    const int seconds = argc > 3 ? std::atoi(argv[3]) : 10;
    const int filers = argc > 4 ? std::atoi(argv[4]) : 32;
    rlimit nofile{};
    getrlimit(RLIMIT_NOFILE, &nofile);
    nofile.rlim_cur = nofile.rlim_max;  // the subscribers' sockets and the server's, in one process
    setrlimit(RLIMIT_NOFILE, &nofile);
    crypto::InitCrypto();

    bench::DemoServer server;
    server.Start();
    const uint16_t port = server.port();

    // The citizen who files: a session cookie and its CSRF token.
    bench::Conn login(port);
    const auto r =
        login.Post("/api/v1/auth/login", "Content-Type: application/json\r\n",
                   R"({"region":"36.04","login":"warga@serang.satupintu.test","password":"SatuPintu-Demo-2026"})");
    const size_t c0 = r.head.find("__Host-sp_session=");
    const size_t t0 = r.body.find("\"csrf_token\":\"");
    if (r.status != 200 || c0 == std::string::npos || t0 == std::string::npos) {
        std::fprintf(stderr, "login failed: %d\n", r.status);
        return 1;
    }
    const std::string cookie = r.head.substr(c0, r.head.find(';', c0) - c0);
    const std::string csrf = r.body.substr(t0 + 14, r.body.find('"', t0 + 14) - t0 - 14);

    // The subscribers (HTTP/1.0: a close-delimited stream, no chunk framing to undo).
    std::vector<Subscriber> subs(static_cast<size_t>(subscribers));
    for (auto& s : subs) {
        s.fd = bench::ConnectLoopback(port);
        const std::string req = "GET /api/v1/regions/36.04/dashboard/stream HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if (write(s.fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) return 1;
        fcntl(s.fd, F_SETFL, fcntl(s.fd, F_GETFL) | O_NONBLOCK);
    }
    std::atomic<bool> stop{false};
    std::atomic<size_t> ready{0};
    std::thread listener([&] { Listen(subs, stop, ready); });
    for (auto deadline = Steady::now() + std::chrono::seconds(30); Steady::now() < deadline && ready < subs.size();)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (ready < subs.size()) {
        std::fprintf(stderr, "only %zu of %d subscribers got their first summary\n", ready.load(), subscribers);
        return 1;
    }
    const int64_t base = TodayIn(login.Get("/api/v1/regions/36.04/dashboard/summary").body);

    // Filing at RATE per second from FILERS keep-alive connections, on a fixed schedule.
    const int total = rate * seconds;
    std::vector<int64_t> acked;  // when each filing was answered (microseconds), in answer order
    acked.reserve(static_cast<size_t>(total));
    std::mutex acked_mu;
    std::atomic<int> next{0}, failed{0};
    const auto start = Steady::now();
    std::vector<std::thread> threads;
    for (int f = 0; f < filers; ++f) {
        threads.emplace_back([&] {
            bench::Conn conn(port);
            const std::string headers =
                "Content-Type: application/json\r\nCookie: " + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\n";
            for (int i; (i = next++) < total;) {
                std::this_thread::sleep_until(start + std::chrono::microseconds(int64_t{i} * 1'000'000 / rate));
                const std::string body = R"({"service_code":"SAMPAH","description":"Sampah menumpuk nomor )" +
                                         std::to_string(i) + R"(","lat":-6.0401,"long":106.112759})";
                const int status = conn.Post("/api/v1/complaints", headers, body).status;
                if (status != 201) {
                    ++failed;
                    continue;
                }
                const int64_t at = NowUs();
                std::lock_guard lock(acked_mu);
                acked.push_back(at);
            }
        });
    }
    for (auto& t : threads) t.join();
    const double filing = Seconds(start);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // let the last updates arrive
    stop = true;
    listener.join();

    // The k-th answered filing is in every summary whose count reaches base + k; a subscriber
    // received it when its first such summary arrived.
    std::sort(acked.begin(), acked.end());
    std::vector<int64_t> latencies;
    latencies.reserve(acked.size() * subs.size());
    int64_t missed = 0, frames = 0;
    for (const auto& s : subs) {
        frames += static_cast<int64_t>(s.frames.size());
        size_t f = 0;
        for (size_t k = 0; k < acked.size(); ++k) {
            const int64_t needed = base + static_cast<int64_t>(k) + 1;
            while (f < s.frames.size() && s.frames[f].second < needed) ++f;
            if (f == s.frames.size()) {
                missed += static_cast<int64_t>(acked.size() - k);
                break;
            }
            latencies.push_back(std::max<int64_t>(0, s.frames[f].first - acked[k]));
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) {
        return latencies.empty() ? 0.0 : latencies[static_cast<size_t>(p * (latencies.size() - 1))] / 1000.0;
    };
    const auto within = std::upper_bound(latencies.begin(), latencies.end(), 1'000'000) - latencies.begin();
    std::printf(
        "live dashboards: %d subscribers, %zu filings answered in %.1f s (%.0f/s, %d failed); %lld summaries "
        "received (%.1f per subscriber per second)\n"
        "  update latency (filing answered -> summary received), over %zu filing x subscriber pairs: p50 %.0f ms, "
        "p99 %.0f ms, max %.0f ms; within 1 s: %.3f%%; missed: %lld (target: all within 1 s)\n",
        subscribers, acked.size(), filing, acked.size() / filing, failed.load(), static_cast<long long>(frames),
        frames / static_cast<double>(subscribers) / (filing + 2), latencies.size(), pct(0.5), pct(0.99), pct(1.0),
        latencies.empty() ? 0.0 : 100.0 * static_cast<double>(within) / static_cast<double>(latencies.size()),
        static_cast<long long>(missed));
    for (auto& s : subs) close(s.fd);
    return missed == 0 && within == static_cast<std::ptrdiff_t>(latencies.size()) ? 0 : 3;
}
