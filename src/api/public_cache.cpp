#include "api/public_cache.hpp"

namespace satupintu::api {

std::shared_ptr<const PublicCache::Answer> PublicCache::Find(const std::string& key, const std::string& version) {
    std::lock_guard lock(mu_);
    const auto it = index_.find(key);
    if (it == index_.end() || it->second->second->version != version) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
}

void PublicCache::Put(const std::string& key, std::shared_ptr<const Answer> answer) {
    const size_t size = SizeOf(key, *answer);
    if (size > max_bytes_ / 4) return;  // one answer never pushes out most of the others
    std::lock_guard lock(mu_);
    if (const auto it = index_.find(key); it != index_.end()) {
        bytes_ -= SizeOf(key, *it->second->second);
        lru_.erase(it->second);
        index_.erase(it);
    }
    lru_.emplace_front(key, std::move(answer));
    index_.emplace(key, lru_.begin());
    bytes_ += size;
    while (bytes_ > max_bytes_ && !lru_.empty()) {
        const auto& [old_key, old] = lru_.back();
        bytes_ -= SizeOf(old_key, *old);
        index_.erase(old_key);
        lru_.pop_back();
    }
}

size_t PublicCache::bytes() const {
    std::lock_guard lock(mu_);
    return bytes_;
}

}  // namespace satupintu::api
