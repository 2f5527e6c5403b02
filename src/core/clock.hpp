// Clock seam: production reads the system clock, tests move a FakeClock by hand.
// Times are milliseconds since the Unix epoch, UTC. Implementations are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace satupintu {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual int64_t NowMs() const = 0;
};

class SystemClock final : public Clock {
  public:
    int64_t NowMs() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

// Starts at a fixed instant and then moves with real time: a whole server in a test runs on a
// known date (so a test cannot pass or fail by the day CI runs it) while timeouts still elapse.
class PinnedClock final : public Clock {
  public:
    explicit PinnedClock(int64_t start_ms) : start_ms_(start_ms), started_(std::chrono::steady_clock::now()) {}
    int64_t NowMs() const override {
        return start_ms_ +
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_)
                   .count();
    }

  private:
    const int64_t start_ms_;
    const std::chrono::steady_clock::time_point started_;
};

class FakeClock final : public Clock {
  public:
    explicit FakeClock(int64_t start_ms) : now_(start_ms) {}
    int64_t NowMs() const override { return now_.load(); }
    void Advance(int64_t ms) { now_ += ms; }
    void Set(int64_t ms) { now_ = ms; }

  private:
    std::atomic<int64_t> now_;
};

}  // namespace satupintu
