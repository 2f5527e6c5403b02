// A short-lived, per-process cache of session lookups, so that an authenticated read does not
// pay a database round trip for the session on every request.
//
// An entry lives `ttl_ms` (2 s by default). Logout on this node evicts at once; on other nodes a
// revoked session can be honoured for at most ttl_ms more. Bounded (a shard past its share is
// cleared) and sharded to keep lock contention low. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "identity/principal.hpp"

namespace satupintu::identity {

class SessionCache {
  public:
    explicit SessionCache(int64_t ttl_ms = 2000, size_t max_entries = 100000)
        : ttl_ms_(ttl_ms), max_per_shard_(max_entries / kShards + 1) {}

    std::optional<Principal> Get(const std::string& token, int64_t now_ms);
    void Put(const std::string& token, const Principal& p, int64_t now_ms);
    void Evict(const std::string& token);

  private:
    static constexpr size_t kShards = 16;
    struct Entry {
        Principal principal;
        int64_t cached_at_ms;
    };
    struct Shard {
        std::mutex mu;
        std::unordered_map<std::string, Entry> entries;  // guarded by mu
    };
    Shard& ShardFor(const std::string& token) { return shards_[std::hash<std::string>{}(token) % kShards]; }

    int64_t ttl_ms_;
    size_t max_per_shard_;
    std::array<Shard, kShards> shards_;
};

}  // namespace satupintu::identity
