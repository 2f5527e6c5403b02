// Token-bucket rate limiting by key (client address, account). Sharded to keep lock contention
// off the hot path; bounded (a shard that grows past its share forgets idle buckets).
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace satupintu::http {

class RateLimiter {
  public:
    // `rate_per_s` tokens per second, bursts up to `burst`. rate 0 disables the limiter.
    RateLimiter(double rate_per_s, double burst, size_t max_keys = 200000);

    // 0 when allowed; otherwise the milliseconds until a request would be allowed.
    int64_t Acquire(const std::string& key, int64_t now_ms);

  private:
    struct Bucket {
        double tokens;
        int64_t updated_ms;
    };
    struct Shard {
        std::mutex mu;
        std::unordered_map<std::string, Bucket> buckets;  // guarded by mu
    };
    double rate_, burst_;
    size_t max_per_shard_;
    std::array<Shard, 16> shards_;
};

}  // namespace satupintu::http
