// The command center's numbers for one region, read from projections only (no request scans the
// case history): open cases by kind and status, today's and the last 30 days' filings and
// closings (by day, category and kecamatan), revenue today, on-time rate per OPD, IKM so far.
// Public: aggregates only, no personal data, no rahasia content.
#include <algorithm>
#include <cmath>
#include <map>

#include "api/api.hpp"
#include "cases/cases.hpp"
#include "core/ids.hpp"
#include "live/feed.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

namespace {

using store::TenantSql;

constexpr TenantSql kStatusCounts{"SELECT kind, status, n FROM case_status_counts WHERE tenant = $1 AND n <> 0"};
constexpr TenantSql kDaily{
    "SELECT d.day, s.kind, d.service_id, s.name, d.kecamatan_code, SUM(d.filed), SUM(d.closed) FROM case_daily d "
    "JOIN services s ON s.tenant = d.tenant AND s.id = d.service_id WHERE d.tenant = $1 AND d.day >= $2 "
    "GROUP BY d.day, s.kind, d.service_id, s.name, d.kecamatan_code"};
constexpr TenantSql kRevenue{
    "SELECT billed, bills, received, payments FROM revenue_daily WHERE tenant = $1 AND day = $2"};
constexpr TenantSql kIkm{"SELECT element, SUM(total), SUM(answers) FROM ikm_totals WHERE tenant = $1 GROUP BY element"};

// IKM by PermenPAN-RB 14/2017: the mean of the nine elements' NRR, times 25, two decimals.
json::value Ikm(const store::Rows& rows) {
    std::map<std::string, std::pair<int64_t, int64_t>> by_element;
    int64_t answers = 0;
    for (const auto& r : rows) {
        by_element[r.Text(0)] = {r.Int(1), r.Int(2)};
        answers += r.Int(2);
    }
    json::object out{{"answers", answers}, {"value", nullptr}, {"category", nullptr}};
    if (by_element.size() < 9) return out;
    double index = 0;
    for (const auto& [_, v] : by_element) index += static_cast<double>(v.first) / static_cast<double>(v.second) / 9.0;
    const double ikm = std::floor(index * 25 * 100 + 0.5) / 100;
    out["value"] = ikm;
    out["category"] = ikm >= 88.31 ? "A" : ikm >= 76.61 ? "B" : ikm >= 65.00 ? "C" : "D";
    return out;
}

}  // namespace

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

        SP_ASSIGN(auto daily, tx.Query(kDaily, t, since));
        std::map<std::string, std::pair<int64_t, int64_t>> trend, today_by_kind;
        std::map<std::string, std::pair<std::string, int64_t>> categories;
        std::map<std::string, int64_t> kecamatan;
        for (const auto& r : daily) {
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
            if (day == today) {
                today_by_kind[kind].first += filed;
                today_by_kind[kind].second += closed;
            }
        }
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
            const int64_t denominator = p.closed + p.open_overdue;
            opds.push_back({{"opd_id", p.opd_id},
                            {"name", names->Opd(p.opd_id)},
                            {"received", p.received},
                            {"closed", p.closed},
                            {"closed_on_time", p.closed_on_time},
                            {"open_overdue", p.open_overdue},
                            {"on_time_rate", denominator ? json::value(static_cast<double>(p.closed_on_time) /
                                                                       static_cast<double>(denominator))
                                                         : json::value(nullptr)}});
        }
        out["opds"] = std::move(opds);
        SP_ASSIGN(auto ikm, tx.Query(kIkm, t));
        out["ikm"] = Ikm(ikm);
        return Status::Ok();
    });
    if (!st) return st.error();
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
}

}  // namespace satupintu::api
