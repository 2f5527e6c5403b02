#include "http/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace satupintu::http {

RateLimiter::RateLimiter(double rate_per_s, double burst, size_t max_keys)
    : rate_(rate_per_s), burst_(burst), max_per_shard_(std::max<size_t>(16, max_keys / 16)) {}

int64_t RateLimiter::Acquire(const std::string& key, int64_t now_ms) {
    if (rate_ <= 0) return 0;
    const double share = share_.load(std::memory_order_relaxed);
    const double rate = rate_ / share, burst = std::max(1.0, burst_ / share);
    Shard& s = shards_[std::hash<std::string>{}(key) % shards_.size()];
    std::lock_guard lock(s.mu);
    auto it = s.buckets.find(key);
    if (it == s.buckets.end()) {
        if (s.buckets.size() >= max_per_shard_) {
            // Buckets that have refilled completely carry no information.
            std::erase_if(s.buckets, [&](const auto& kv) {
                return kv.second.tokens + (now_ms - kv.second.updated_ms) * rate / 1000.0 >= burst;
            });
            if (s.buckets.size() >= max_per_shard_) s.buckets.clear();
        }
        it = s.buckets.emplace(key, Bucket{burst, now_ms}).first;
    }
    Bucket& b = it->second;
    b.tokens = std::min(burst, b.tokens + (now_ms - b.updated_ms) * rate / 1000.0);
    b.updated_ms = now_ms;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return static_cast<int64_t>(std::ceil((1.0 - b.tokens) * 1000.0 / rate));
}

}  // namespace satupintu::http
