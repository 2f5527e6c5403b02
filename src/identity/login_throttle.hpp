// Slows and then stops password guessing: per account and per client address, failed logins in
// a window earn a growing delay (after `free_failures`) and then a lockout answered with 429.
//
// In-memory and per process (a multi-node deployment multiplies the allowance by the node count;
// see docs/decisions). Thread-safe; bounded (oldest entries are evicted past `max_entries`).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace satupintu::identity {

class LoginThrottle {
  public:
    struct Policy {
        int free_failures = 3;
        int lockout_failures = 10;
        int64_t window_ms = 15 * 60 * 1000;
        int64_t max_delay_ms = 4000;
        size_t max_entries = 100000;
    };
    struct Verdict {
        int64_t delay_ms = 0;        // wait this long before answering
        int64_t retry_after_ms = 0;  // > 0: refuse with 429
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Policy p) : policy_(p) {}

    void SetPolicy(Policy p) {
        std::lock_guard lock(mu_);
        policy_ = p;
    }

    // Before checking a password.
    Verdict Check(const std::string& account_key, const std::string& ip, int64_t now_ms);
    void RecordFailure(const std::string& account_key, const std::string& ip, int64_t now_ms);
    void RecordSuccess(const std::string& account_key);

  private:
    struct Entry {
        int failures = 0;
        int64_t first_ms = 0;
    };
    // An address gets kIpScale times an account's room: many citizens share one office NAT.
    static constexpr int kIpScale = 5;
    Verdict VerdictFor(const Entry& e, int64_t now_ms, int scale) const;
    void Bump(const std::string& key, int64_t now_ms);

    Policy policy_;
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace satupintu::identity
