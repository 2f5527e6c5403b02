#include "identity/login_throttle.hpp"

#include <algorithm>

namespace satupintu::identity {

LoginThrottle::Verdict LoginThrottle::VerdictFor(const Entry& e, int64_t now_ms, int scale) const {
    Verdict v;
    if (now_ms - e.first_ms > policy_.window_ms) return v;
    const int failures = e.failures / scale;
    if (failures >= policy_.lockout_failures) {
        v.retry_after_ms = std::max<int64_t>(1000, e.first_ms + policy_.window_ms - now_ms);
        return v;
    }
    if (failures >= policy_.free_failures) {
        const int steps = std::min(failures - policy_.free_failures, 10);
        v.delay_ms = std::min<int64_t>(policy_.max_delay_ms, int64_t{250} << steps);
    }
    return v;
}

LoginThrottle::Verdict LoginThrottle::Check(const std::string& account_key, const std::string& ip, int64_t now_ms) {
    std::lock_guard lock(mu_);
    Verdict out;
    const std::pair<std::string, int> keys[] = {{account_key, 1}, {"ip:" + ip, kIpScale}};
    for (const auto& [key, scale] : keys) {
        auto it = entries_.find(key);
        if (it == entries_.end()) continue;
        const Verdict v = VerdictFor(it->second, now_ms, scale);
        out.delay_ms = std::max(out.delay_ms, v.delay_ms);
        out.retry_after_ms = std::max(out.retry_after_ms, v.retry_after_ms);
    }
    return out;
}

void LoginThrottle::Bump(const std::string& key, int64_t now_ms) {
    auto& e = entries_[key];
    if (now_ms - e.first_ms > policy_.window_ms) e = Entry{0, now_ms};
    ++e.failures;
}

void LoginThrottle::RecordFailure(const std::string& account_key, const std::string& ip, int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= policy_.max_entries) {
        // Forget entries whose window has passed; if none, forget everything (fail open on
        // delay, never on correctness of passwords).
        std::erase_if(entries_, [&](const auto& kv) { return now_ms - kv.second.first_ms > policy_.window_ms; });
        if (entries_.size() >= policy_.max_entries) entries_.clear();
    }
    Bump(account_key, now_ms);
    Bump("ip:" + ip, now_ms);
}

void LoginThrottle::RecordSuccess(const std::string& account_key) {
    std::lock_guard lock(mu_);
    entries_.erase(account_key);
}

}  // namespace satupintu::identity
