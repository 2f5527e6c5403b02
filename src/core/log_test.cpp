#include "core/log.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace satupintu::log {
namespace {

// Warnings flush at once from the writing thread while the background thread flushes info lines:
// the two used to take the sink's two locks in opposite orders and could stop every logging
// thread for good (seen: a server that no longer answered, nor stopped on SIGTERM).
TEST(Log, ManyThreadsWritingAndFlushingAtOnceNeverStop) {
    const int saved = ::dup(STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDERR_FILENO);
    std::atomic<bool> finished{false};
    std::thread watchdog([&] {
        for (int i = 0; i < 300 && !finished; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (!finished) {
            ::dup2(saved, STDERR_FILENO);
            std::fprintf(stderr, "logging threads stopped: lock-order deadlock in the log sink\n");
            std::abort();
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
        writers.emplace_back([t] {
            for (int i = 0; i < 20000; ++i) {
                if (i % 3 == 0) {
                    Warn("peringatan", {{"thread", t}, {"i", i}});
                } else {
                    Info("http", {{"thread", t}, {"i", i}, {"pad", std::string(200, 'x')}});
                }
            }
        });
    }
    for (auto& w : writers) w.join();
    finished = true;
    watchdog.join();
    std::this_thread::sleep_for(std::chrono::milliseconds(250));  // the last info lines, to /dev/null
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    ::close(null);
    SUCCEED();
}

}  // namespace
}  // namespace satupintu::log
