// Token-bucket rate limiting by key (client address, account). Sharded to keep lock contention
// off the hot path; bounded (a shard that grows past its share forgets idle buckets).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
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

    // This node's share of a limit meant for all `nodes` behind one balancer (issue 15): each
    // node allows rate/nodes and burst/nodes, so one address or account spread over every node
    // gets the configured limit in all, as from one node.
    void SetShare(int nodes) { share_.store(std::max(1, nodes)); }
    int share() const { return share_.load(); }

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
    std::atomic<int> share_{1};
    size_t max_per_shard_;
    std::array<Shard, 16> shards_;
};

}  // namespace satupintu::http
