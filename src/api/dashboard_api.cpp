// The command center's numbers for one region, read from projections only (no request scans the
// case history): open cases by kind and status, today's and the last 30 days' filings and
// closings (by day, category and kecamatan), revenue today, on-time rate per OPD, IKM so far.
// Public: aggregates only, no personal data, no rahasia content.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <tuple>

#include "api/api.hpp"
#include "cases/cases.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/problems.hpp"
#include "live/feed.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

namespace {

using store::TenantSql;

constexpr TenantSql kStatusCounts{"SELECT kind, status, n FROM case_status_counts WHERE tenant = $1 AND n <> 0"};
#define SP_DAILY_SELECT                                                                                            \
    "SELECT d.day, s.kind, d.service_id, s.name, d.kecamatan_code, SUM(d.filed), SUM(d.closed) FROM case_daily d " \
    "JOIN services s ON s.tenant = d.tenant AND s.id = d.service_id WHERE d.tenant = $1 "
#define SP_DAILY_GROUP " GROUP BY d.day, s.kind, d.service_id, s.name, d.kecamatan_code"
constexpr TenantSql kDailyPast{SP_DAILY_SELECT "AND d.day >= $2 AND d.day < $3" SP_DAILY_GROUP};
constexpr TenantSql kDailyToday{SP_DAILY_SELECT "AND d.day = $2" SP_DAILY_GROUP};
#undef SP_DAILY_SELECT
#undef SP_DAILY_GROUP
constexpr TenantSql kRevenue{
    "SELECT billed, bills, received, payments FROM revenue_daily WHERE tenant = $1 AND day = $2"};
constexpr TenantSql kIkm{"SELECT element, SUM(total), SUM(answers) FROM ikm_totals WHERE tenant = $1 GROUP BY element"};

json::value Ikm(const IkmSums& by_element) {
    json::object out{{"answers", performance::IkmAnswers(by_element)}, {"value", nullptr}, {"category", nullptr}};
    if (const auto ikm = performance::IkmIndex(by_element)) {
        out["value"] = *ikm;
        out["category"] = performance::IkmCategory(*ikm);
    }
    return out;
}

// The roll-up across regions reads the same projections for every region at once.
constexpr store::GlobalSql kRollupTenants{
    "SELECT code, name FROM tenants WHERE code LIKE $1 AND code LIKE '__.__' AND disabled_at IS NULL"};
constexpr store::GlobalSql kRollupOpds{
    "SELECT p.tenant, p.opd_id, o.name, SUM(p.received), SUM(p.closed), SUM(p.closed_on_time), SUM(p.overdue) "
    "FROM (SELECT tenant, opd_id, received, closed, closed_on_time, 0 AS overdue FROM opd_case_stats "
    "WHERE tenant LIKE $1 UNION ALL SELECT tenant, opd_id, 0, 0, 0, n FROM opd_overdue WHERE tenant LIKE $1 "
    "AND n <> 0) p JOIN opds o ON o.tenant = p.tenant AND o.id = p.opd_id GROUP BY p.tenant, p.opd_id, o.name"};
constexpr store::GlobalSql kRollupIkm{
    "SELECT i.tenant, s.opd_id, i.element, SUM(i.total), SUM(i.answers) FROM ikm_totals i "
    "JOIN services s ON s.tenant = i.tenant AND s.id = i.service_id WHERE i.tenant LIKE $1 "
    "GROUP BY i.tenant, s.opd_id, i.element"};
constexpr store::GlobalSql kRollupOpen{
    "SELECT tenant, SUM(n) FROM case_status_counts WHERE tenant LIKE $1 AND status IN ('received', 'verified', "
    "'forwarded', 'in_progress', 'awaiting_reporter', 'followed_up', 'in_review', 'returned', 'awaiting_payment') "
    "GROUP BY tenant"};

struct Tally {
    int64_t received = 0, closed = 0, on_time = 0, overdue = 0;
    IkmSums ikm;
    void Add(const Tally& o) {
        received += o.received;
        closed += o.closed;
        on_time += o.on_time;
        overdue += o.overdue;
        for (const auto& [e, v] : o.ikm) {
            ikm[e].first += v.first;
            ikm[e].second += v.second;
        }
    }
    std::optional<double> Rate() const {
        const int64_t d = closed + overdue;
        return d ? std::optional<double>(static_cast<double>(on_time) / static_cast<double>(d)) : std::nullopt;
    }
    void Put(json::object& o) const {
        o["received"] = received;
        o["closed"] = closed;
        o["closed_on_time"] = on_time;
        o["open_overdue"] = overdue;
        const auto rate = Rate();
        o["on_time_rate"] = rate ? json::value(*rate) : json::value(nullptr);
        o["ikm"] = Ikm(ikm);
    }
};

// Best first: on-time rate, then IKM, then volume; no rate yet goes last.
bool RanksBefore(const json::object& a, const json::object& b) {
    const auto key = [](const json::object& o) {
        const auto& rate = o.at("on_time_rate");
        const auto& ikm = o.at("ikm").at("value");
        return std::tuple(rate.is_null() ? -1.0 : rate.as_double(), ikm.is_null() ? -1.0 : ikm.as_double(),
                          o.at("received").as_int64());
    };
    return key(a) > key(b);
}

// The regions' event-log heads in a scope: a changed sum means some region there has written.
constexpr store::GlobalSql kRollupVersion{"SELECT COUNT(*), SUM(seq) FROM event_heads WHERE tenant LIKE $1"};
constexpr int64_t kRollupMaxAgeMs = 2000;

Result<std::string> ComputeRollup(ApiContext& ctx, const std::string& scope, int64_t limit);

// GET /api/v1/rollup[?province=NN][&limit=N]: every region of the deployment (or of one
// province) and their OPDs, ranked by on-time rate and IKM; at most two seconds behind.
Response Rollup(ApiContext& ctx, Request& req) {
    std::string scope = "%";
    if (const auto p = req.Query("province")) {
        if (p->size() != 2 || !std::isdigit(static_cast<unsigned char>((*p)[0])) ||
            !std::isdigit(static_cast<unsigned char>((*p)[1]))) {
            return Fail(req, Err(Errc::kInvalidInput, "province is a two-digit code, e.g. 36", "province"));
        }
        scope = *p + ".%";
    }
    int64_t limit = 50;
    if (const auto l = req.Query("limit")) {
        char* end = nullptr;
        limit = std::strtoll(l->c_str(), &end, 10);
        if (l->empty() || *end || limit < 1 || limit > 1000) return Fail(req, Invalid("limit", "input.limit"));
    }
    std::string version;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto row, tx.QueryOne(kRollupVersion, scope));
        if (row) version = std::to_string(row->Int(0)) + ":" + (row->IsNull(1) ? "0" : std::to_string(row->Int(1)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    auto body = ctx.rollups.Get(scope + "|" + std::to_string(limit), version, ctx.clock.NowMs(), kRollupMaxAgeMs,
                                [&ctx, scope, limit] { return ComputeRollup(ctx, scope, limit); });
    if (!body) return Fail(req, body.error());
    Response r = Response::Text(200, **body, "application/json; charset=utf-8");
    r.Set("cache-control", "public, max-age=2");
    return r;
}

Result<std::string> ComputeRollup(ApiContext& ctx, const std::string& scope, int64_t limit) {
    std::map<std::string, std::string> region_names;
    std::map<std::string, int64_t> open;
    std::map<std::pair<std::string, std::string>, std::pair<std::string, Tally>> opds;  // (region, opd)
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenants, tx.Query(kRollupTenants, scope));
        for (const auto& r : tenants) region_names[r.Text(0)] = r.Text(1);
        SP_ASSIGN(auto rows, tx.Query(kRollupOpds, scope));
        for (const auto& r : rows) {
            auto& [name, t] = opds[{r.Text(0), r.Text(1)}];
            name = r.Text(2);
            t.received = r.Int(3);
            t.closed = r.Int(4);
            t.on_time = r.Int(5);
            t.overdue = r.Int(6);
        }
        SP_ASSIGN(auto ikm, tx.Query(kRollupIkm, scope));
        for (const auto& r : ikm) {
            const auto it = opds.find({r.Text(0), r.Text(1)});
            if (it != opds.end()) it->second.second.ikm[r.Text(2)] = {r.Int(3), r.Int(4)};
        }
        SP_ASSIGN(auto open_rows, tx.Query(kRollupOpen, scope));
        for (const auto& r : open_rows) open[r.Text(0)] = r.Int(1);
        return Status::Ok();
    });
    if (!st) return st.error();
    std::map<std::string, Tally> regions;
    std::vector<json::object> opd_out;
    for (const auto& [key, named] : opds) {
        regions[key.first].Add(named.second);
        if (!named.second.Rate()) continue;  // nothing closed or overdue yet: nothing to rank
        json::object o{{"region", key.first},
                       {"region_name", region_names[key.first]},
                       {"opd_id", key.second},
                       {"name", named.first}};
        named.second.Put(o);
        opd_out.push_back(std::move(o));
    }
    std::vector<json::object> region_out;
    for (const auto& [code, name] : region_names) {
        json::object o{{"region", code}, {"name", name}, {"open", open[code]}};
        regions[code].Put(o);
        region_out.push_back(std::move(o));
    }
    std::stable_sort(region_out.begin(), region_out.end(), RanksBefore);
    std::stable_sort(opd_out.begin(), opd_out.end(), RanksBefore);
    json::array ranked_regions, best, worst;
    int rank = 0;
    for (auto& o : region_out) {
        o["rank"] = ++rank;
        ranked_regions.push_back(std::move(o));
    }
    const size_t n = opd_out.size(), k = std::min<size_t>(n, static_cast<size_t>(limit));
    for (size_t i = 0; i < k; ++i) {
        json::object o = opd_out[i];
        o["rank"] = static_cast<int64_t>(i + 1);
        best.push_back(std::move(o));
    }
    for (size_t i = n; i > n - k; --i) {
        json::object o = opd_out[i - 1];
        o["rank"] = static_cast<int64_t>(i);
        worst.push_back(std::move(o));
    }
    return ToJson(json::object{{"scope", scope == "%" ? "national" : scope.substr(0, 2)},
                               {"regions", std::move(ranked_regions)},
                               {"opds_ranked", static_cast<int64_t>(n)},
                               {"opds_best", std::move(best)},
                               {"opds_worst", std::move(worst)}});
}

}  // namespace

RollupCache::~RollupCache() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

Result<std::shared_ptr<const std::string>> RollupCache::Get(const std::string& key, const std::string& version,
                                                            int64_t now_ms, int64_t max_age_ms, Compute compute) {
    {
        std::lock_guard lock(mu_);
        auto& e = entries_[key];
        if (e.body) {
            if (e.version != version && !e.refreshing && now_ms - e.computed_ms >= max_age_ms && !stopping_) {
                e.refreshing = true;
                jobs_.push_back({key, version, now_ms, std::move(compute)});
                if (!worker_.joinable()) worker_ = std::thread([this] { Work(); });
                cv_.notify_one();
            }
            return e.body;
        }
    }
    auto body = compute();
    if (!body) return body.error();
    auto shared = std::make_shared<const std::string>(std::move(*body));
    std::lock_guard lock(mu_);
    auto& e = entries_[key];
    if (!e.body || e.computed_ms <= now_ms) e = {version, now_ms, shared, e.refreshing};
    return shared;
}

void RollupCache::Work() {
    std::unique_lock lock(mu_);
    for (;;) {
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        auto body = job.compute();
        lock.lock();
        auto& e = entries_[job.key];
        e.refreshing = false;
        if (body) {
            e.version = job.version;
            e.computed_ms = job.now_ms;
            e.body = std::make_shared<const std::string>(std::move(*body));
        } else {
            log::Warn("roll-up refresh failed", {{"scope", job.key}, {"error", body.error().detail}});
        }
    }
}

void DailyTotals::Add(const store::Rows& rows, const std::string& today_date) {
    for (const auto& r : rows) {
        const std::string day = r.Text(0), kind = r.Text(1);
        const int64_t filed = r.Int(5), closed = r.Int(6);
        if (kind == "complaint") {
            trend[day].first += filed;
            trend[day].second += closed;
            auto& c = categories[r.Text(2)];
            c.first = r.Text(3);
            c.second += filed;
            if (!r.Text(4).empty()) kecamatan[r.Text(4)] += filed;
        }
        if (day == today_date) {
            today[kind].first += filed;
            today[kind].second += closed;
        }
    }
}

Result<json::object> DashboardSummary(ApiContext& ctx, const std::string& code) {
    SP_ASSIGN(auto cal, ctx.calendars.Get(ctx.store, code, ctx.clock.NowMs()));
    const int tz = cal->tenant.tz_offset_minutes;
    const std::string today = CivilDate(ctx.clock.NowMs(), tz);
    const std::string since = FormatDate(*ParseDate(today) - std::chrono::days{29});
    SP_ASSIGN(auto names, ctx.names.Get(ctx.store, store::TenantId(cal->tenant.code), ctx.clock.NowMs()));
    json::object out{{"region", cal->tenant.code}, {"name", cal->tenant.name}, {"date", today}};
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        const store::TenantId t(cal->tenant.code);
        SP_ASSIGN(auto counts, tx.Query(kStatusCounts, t));
        json::object open{{"complaint", json::object{}}, {"permit", json::object{}}};
        for (const auto& r : counts) open[r.Text(0)].as_object()[r.Text(1)] = r.Int(2);
        out["by_status"] = std::move(open);

        SP_ASSIGN(auto past, ctx.past_days.Get(cal->tenant.code, today, [&]() -> Result<DailyTotals> {
            SP_ASSIGN(auto rows, tx.Query(kDailyPast, t, since, today));
            DailyTotals totals;
            totals.Add(rows, today);
            return totals;
        }));
        DailyTotals daily = *past;
        SP_ASSIGN(auto today_rows, tx.Query(kDailyToday, t, today));
        daily.Add(today_rows, today);
        auto& [trend, today_by_kind, categories, kecamatan] = daily;
        json::object today_out;
        for (const char* kind : {"complaint", "permit"}) {
            today_out[kind] = {{"in", today_by_kind[kind].first}, {"out", today_by_kind[kind].second}};
        }
        out["today"] = std::move(today_out);
        json::array trend_out;
        for (auto d = *ParseDate(since); d <= *ParseDate(today); d += std::chrono::days{1}) {
            const auto it = trend.find(FormatDate(d));
            trend_out.push_back({{"day", FormatDate(d)},
                                 {"in", it == trend.end() ? 0 : it->second.first},
                                 {"out", it == trend.end() ? 0 : it->second.second}});
        }
        out["trend_30d"] = std::move(trend_out);
        std::vector<std::pair<int64_t, json::object>> top;
        for (const auto& [id, c] : categories)
            top.push_back({c.second, {{"service_id", id}, {"name", c.first}, {"filed", c.second}}});
        std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        json::array top_out;
        for (size_t i = 0; i < top.size() && i < 10; ++i) top_out.push_back(top[i].second);
        out["top_categories_30d"] = std::move(top_out);
        json::object kec_out;
        for (const auto& [code, n] : kecamatan) kec_out[code] = n;
        out["kecamatan_30d"] = std::move(kec_out);

        SP_ASSIGN(auto revenue, tx.QueryOne(kRevenue, t, today));
        out["revenue_today"] = {{"billed", revenue ? revenue->Int(0) : 0},
                                {"bills", revenue ? revenue->Int(1) : 0},
                                {"received", revenue ? revenue->Int(2) : 0},
                                {"payments", revenue ? revenue->Int(3) : 0}};

        SP_ASSIGN(auto perf, cases::Performance(tx, t));
        json::array opds;
        for (const auto& p : perf) {
            opds.push_back({{"opd_id", p.opd_id},
                            {"name", names->Opd(p.opd_id)},
                            {"received", p.received},
                            {"closed", p.closed},
                            {"closed_on_time", p.closed_on_time},
                            {"open_overdue", p.open_overdue},
                            {"on_time_rate", p.OnTimeRate()}});
        }
        out["opds"] = std::move(opds);
        SP_ASSIGN(auto ikm_rows, tx.Query(kIkm, t));
        IkmSums ikm;
        for (const auto& r : ikm_rows) ikm[r.Text(0)] = {r.Int(1), r.Int(2)};
        out["ikm"] = Ikm(ikm);
        SP_ASSIGN(out["alerts"], performance::TodaysAlerts(tx, t, today, tz));
        return Status::Ok();
    });
    if (!st) return st.error();
    // Fail-stop (decision 19) is news for the command center and the auditor: nothing can be
    // recorded until someone looks. Which kind, not the detail (that is in the server log).
    if (const auto halted = ctx.store.Halted())
        out["halted"] = halted->rfind("audit", 0) == 0 ? "audit_chain" : "storage";
    else
        out["halted"] = nullptr;
    return out;
}

namespace {

Response Summary(ApiContext& ctx, Request& req) {
    auto out = DashboardSummary(ctx, req.Param("code"));
    if (!out) return Fail(req, out.error());
    return Json(200, *out);
}

// The same summary as server-sent events: the current one at once, then each change within the
// feed's interval (a quarter second), and a refresh every 30 s.
Response Stream(ApiContext& ctx, Request& req) {
    if (!ctx.dashboard_feed) return Fail(req, Err(Errc::kUnavailable, "live updates are not running"));
    auto stream = ctx.dashboard_feed->Subscribe(req.Param("code"));
    if (!stream) return Fail(req, stream.error());
    Response r;
    r.stream = std::move(*stream);
    return r;
}

}  // namespace

void RegisterDashboardRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/dashboard/summary", [&ctx](Request& req) { return Summary(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/dashboard/stream", [&ctx](Request& req) { return Stream(ctx, req); });
    router.Add("GET", "/api/v1/rollup", [&ctx](Request& req) { return Rollup(ctx, req); });
}

}  // namespace satupintu::api
