#include "identity/session_cache.hpp"

namespace satupintu::identity {

std::optional<Principal> SessionCache::Get(const std::string& token, int64_t now_ms) {
    Shard& s = ShardFor(token);
    std::lock_guard lock(s.mu);
    auto it = s.entries.find(token);
    if (it == s.entries.end()) return std::nullopt;
    if (now_ms - it->second.cached_at_ms > ttl_ms_ || now_ms < it->second.cached_at_ms) {
        s.entries.erase(it);
        return std::nullopt;
    }
    return it->second.principal;
}

void SessionCache::Put(const std::string& token, const Principal& p, int64_t now_ms) {
    if (ttl_ms_ <= 0) return;
    Shard& s = ShardFor(token);
    std::lock_guard lock(s.mu);
    if (s.entries.size() >= max_per_shard_) s.entries.clear();
    s.entries.insert_or_assign(token, Entry{p, now_ms});
}

void SessionCache::Evict(const std::string& token) {
    Shard& s = ShardFor(token);
    std::lock_guard lock(s.mu);
    s.entries.erase(token);
}

}  // namespace satupintu::identity
