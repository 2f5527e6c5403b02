// Public answers kept at the version of their region's data.
//
// A public read (a case's tracking page, an Open311 request or list) depends on nothing but the
// region's data and the region's date (a case's working days left, the default 90-day window).
// Every change to a region's data appends to its event chain in the same transaction
// (events::HeadSeq), so the chain's head with the local date is a version that moves whenever
// such an answer may: an answer kept under (key, version) is what computing it again would give.
// The version is read before the answer is computed, so an answer made from newer data is kept
// under an older version, which never comes back. Bounded by bytes, least recently used first
// out. Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace satupintu::api {

class PublicCache {
  public:
    struct Answer {
        std::string version;
        std::string content_type;
        std::string cache_control;
        std::string body;
    };

    PublicCache() = default;
    explicit PublicCache(size_t max_bytes) : max_bytes_(max_bytes) {}

    // The answer kept for `key` at `version`, or null.
    std::shared_ptr<const Answer> Find(const std::string& key, const std::string& version);
    void Put(const std::string& key, std::shared_ptr<const Answer> answer);

    size_t bytes() const;

  private:
    using Lru = std::list<std::pair<std::string, std::shared_ptr<const Answer>>>;
    static size_t SizeOf(const std::string& key, const Answer& a) { return key.size() + a.body.size() + 256; }

    size_t max_bytes_ = size_t{32} << 20;
    mutable std::mutex mu_;
    Lru lru_;  // most recently used first
    std::unordered_map<std::string, Lru::iterator> index_;
    size_t bytes_ = 0;
};

}  // namespace satupintu::api
