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
