// The command center's caches.
//
// DailyTotals / PastDaysCache: the per-day figures (30-day trend, top categories, kecamatan counts, today's
// in and out), summed from the case_daily projection.
//
// A case_daily row only changes on its own day (filings and closings count on the day they
// happen), so the 29 days before today are summed once per region and day and kept here; each
// summary then reads only today's rows. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "store/store.hpp"

namespace satupintu::api {

struct DailyTotals {
    std::map<std::string, std::pair<int64_t, int64_t>> trend;           // complaints: day -> (in, out)
    std::map<std::string, std::pair<int64_t, int64_t>> today;           // kind -> (in, out) on `today`
    std::map<std::string, std::pair<std::string, int64_t>> categories;  // service id -> (name, filed)
    std::map<std::string, int64_t> kecamatan;                           // code -> complaints filed

    // Rows: day, kind, service id, service name, kecamatan code, filed, closed.
    void Add(const store::Rows& rows, const std::string& today_date);
};

class PastDaysCache {
  public:
    // The totals of [since, today) for `tenant`, computed by `load` once per (tenant, today).
    template <typename Load>
    Result<std::shared_ptr<const DailyTotals>> Get(const std::string& tenant, const std::string& today, Load load) {
        {
            std::lock_guard lock(mu_);
            const auto it = entries_.find(tenant);
            if (it != entries_.end() && it->second.first == today) return it->second.second;
        }
        SP_ASSIGN(DailyTotals totals, load());
        auto shared = std::make_shared<const DailyTotals>(std::move(totals));
        std::lock_guard lock(mu_);
        entries_[tenant] = {today, shared};
        return shared;
    }

  private:
    std::mutex mu_;
    std::map<std::string, std::pair<std::string, std::shared_ptr<const DailyTotals>>> entries_;
};

// RollupCache: the roll-up across regions reads every region's projections (a quarter second
// for 500 regions), so no request should wait for it. Its answer is kept per scope with the
// version it was computed at (the regions' event-log heads). A request whose version matches gets
// it at once; when the regions have moved on and the answer is older than `max_age_ms`, the
// request still gets it at once and a background thread computes the new one. Only the very first
// request of a scope computes while it waits. Thread-safe.
class RollupCache {
  public:
    using Compute = std::function<Result<std::string>()>;
    RollupCache() = default;
    ~RollupCache();
    RollupCache(const RollupCache&) = delete;
    RollupCache& operator=(const RollupCache&) = delete;

    Result<std::shared_ptr<const std::string>> Get(const std::string& key, const std::string& version, int64_t now_ms,
                                                   int64_t max_age_ms, Compute compute);

  private:
    struct Entry {
        std::string version;
        int64_t computed_ms = 0;
        std::shared_ptr<const std::string> body;
        bool refreshing = false;
    };
    struct Job {
        std::string key, version;
        int64_t now_ms;
        Compute compute;
    };
    void Work();

    std::mutex mu_;
    std::condition_variable cv_;
    std::map<std::string, Entry> entries_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread worker_;  // started with the first refresh
};

}  // namespace satupintu::api
