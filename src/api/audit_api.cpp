// Public audit heads: anyone can record the daily hash of every region's event chain and later
// check that history was not rewritten.
#include "api/api.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

namespace {

Response DailyHeads(ApiContext& ctx, Request& req) {
    const std::string date = req.Query("date").value_or(CivilDate(ctx.clock.NowMs(), 420));
    auto heads = events::DailyHeads(ctx.store, date);
    if (!heads) return Fail(req, heads.error());
    json::array out;
    for (const auto& h : *heads) {
        out.push_back({{"region", h.tenant}, {"date", h.date}, {"seq", h.seq}, {"hash", h.hash}});
    }
    return Json(
        200, {{"date", date}, {"algorithm", "sha256(prev_hash || canonical_json(entry))"}, {"heads", std::move(out)}});
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/audit/heads", [&ctx](Request& req) { return DailyHeads(ctx, req); });
}

}  // namespace satupintu::api
