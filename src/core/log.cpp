#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/ids.hpp"

namespace satupintu::log {

namespace {
std::atomic<Level> g_min{Level::kInfo};

std::string_view LevelName(Level l) {
    switch (l) {
        case Level::kDebug:
            return "debug";
        case Level::kInfo:
            return "info";
        case Level::kWarn:
            return "warn";
        case Level::kError:
            return "error";
    }
    return "info";
}

// Info lines are buffered and written by a background thread every 100 ms (or at 64 KiB), so
// that a busy server does not pay a write(2) per request; warnings and errors are written at
// once, after anything buffered before them. A crash may lose the last 100 ms of info lines.
class Sink {
  public:
    Sink() : flusher_([this] { Run(); }) {}
    ~Sink() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        cv_.notify_one();
        flusher_.join();
        WriteAll(buffer_);
    }

    void Add(std::string line, bool urgent) {
        std::unique_lock lock(mu_);
        buffer_ += line;
        if (urgent || buffer_.size() >= 64 * 1024) FlushLocked(lock);
    }

  private:
    void Run() {
        std::unique_lock lock(mu_);
        while (!stop_) {
            cv_.wait_for(lock, std::chrono::milliseconds(100));
            if (!buffer_.empty()) FlushLocked(lock);
        }
    }
    // Writes outside the lock; lines stay in order because write_mu_ is taken before mu_ is let
    // go. It is released before mu_ is taken again: holding it then would wait on mu_ while a
    // thread holding mu_ waits on it (that deadlock stopped every logging thread for good).
    void FlushLocked(std::unique_lock<std::mutex>& lock) {
        std::string out;
        out.swap(buffer_);
        {
            std::lock_guard write_lock(write_mu_);
            lock.unlock();
            WriteAll(out);
        }
        lock.lock();
    }
    static void WriteAll(const std::string& out) {
        size_t done = 0;
        while (done < out.size()) {
            const ssize_t n = ::write(STDERR_FILENO, out.data() + done, out.size() - done);
            if (n <= 0) return;
            done += static_cast<size_t>(n);
        }
    }

    std::mutex mu_;
    std::mutex write_mu_;  // held while writing; taken while mu_ is held, so order is kept
    std::condition_variable cv_;
    std::string buffer_;  // guarded by mu_
    bool stop_ = false;   // guarded by mu_
    std::thread flusher_;
};

Sink& TheSink() {
    static Sink sink;
    return sink;
}
}  // namespace

void SetMinLevel(Level level) {
    g_min = level;
}

void Write(Level level, std::string_view msg, boost::json::object fields) {
    if (level < g_min.load(std::memory_order_relaxed)) return;
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    boost::json::object line;
    line.reserve(fields.size() + 3);
    line["ts"] = IsoUtc(now);
    line["level"] = LevelName(level);
    line["msg"] = msg;
    for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
    std::string out = boost::json::serialize(line);
    out.push_back('\n');
    TheSink().Add(std::move(out), level >= Level::kWarn);
}

}  // namespace satupintu::log
