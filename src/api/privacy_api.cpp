// The region's privacy paperwork under UU 27/2022, over HTTP.
//
//   GET /api/v1/regions/{code}/privacy-notice      the notice in force (public): {version, text, ...}
//   PUT /api/v1/privacy-notice                     admin: publish the next version {text}
//   GET /api/v1/regions/{code}/processing-record   the record of processing activities (public)
//   POST /api/v1/me/privacy-notice                 a citizen accepts the notice in force {version}
//
// A person's own data (GET /api/v1/me/export) and requests (/api/v1/me/requests) are elsewhere
// (auth_api.cpp, case_api.cpp).
#include "api/api.hpp"
#include "privacy/notices.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

namespace {

using http::Request;
using http::Response;
using identity::Principal;

json::object NoticeJson(const std::string& region, const privacy::Notice& n, int tz) {
    return {{"region", region},
            {"version", n.version},
            {"published_at", IsoWithOffset(n.published_at, tz)},
            {"text", n.body}};
}

Response ShowNotice(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    auto cal = ctx.calendars.Get(ctx.store, code, ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    std::optional<privacy::Notice> notice;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(notice, privacy::CurrentNotice(tx, store::TenantId(code)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!notice) return Fail(req, Err(Errc::kNotFound, "this region has published no privacy notice"));
    return Json(200, NoticeJson(code, *notice, (*cal)->tenant.tz_offset_minutes));
}

Response PublishNotice(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto text = RequiredString(*body, "text", 64 * 1024);
    if (!text) return Fail(req, text.error());
    auto cal = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    privacy::Notice published;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(published, privacy::PublishNotice(tx, p.tenant, *text, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(201, NoticeJson(p.tenant.code(), published, (*cal)->tenant.tz_offset_minutes));
}

Response ProcessingRecord(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    auto cal = ctx.calendars.Get(ctx.store, code, ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    json::array activities;
    const std::string email_days = std::to_string(ctx.retention_email_days);
    if (const auto* list = ctx.processing_record.if_contains("activities"); list && list->is_array()) {
        for (auto a : list->as_array()) {
            if (auto* r = a.as_object().if_contains("retention"); r && r->is_string()) {
                std::string text(r->as_string());
                if (const size_t at = text.find("{email_days}"); at != std::string::npos)
                    text.replace(at, 12, email_days);
                *r = text;
            }
            activities.push_back(std::move(a));
        }
    }
    return Json(
        200,
        {{"region", code}, {"controller", "Pemerintah " + (*cal)->tenant.name}, {"activities", std::move(activities)}});
}

// A citizen who joined under an older notice accepts the one in force (login and /me say when
// one is pending).
Response AcceptNotice(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    const auto* version = body->if_contains("version");
    if (!version || !version->is_int64())
        return Fail(req, Err(Errc::kInvalidInput, "version: the notice version the person read", "version"));
    const int64_t now = ctx.clock.NowMs();
    privacy::Standing standing;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        if (auto fresh = privacy::CheckAccepted(tx, p.tenant, version->as_int64()); !fresh)
            return Err(Errc::kConflict, fresh.error().detail, "version");
        SP_TRY(privacy::RecordAcceptance(tx, p.tenant, p.user_id, version->as_int64(), now, now));
        SP_ASSIGN(standing, privacy::StandingOf(tx, p.tenant, p.user_id));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"privacy_notice", privacy::ToJson(standing)}});
}

}  // namespace

void RegisterPrivacyRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/privacy-notice", [&ctx](Request& r) { return ShowNotice(ctx, r); });
    router.Add("PUT", "/api/v1/privacy-notice",
               Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) { return PublishNotice(ctx, r, p); }));
    router.Add("POST", "/api/v1/me/privacy-notice",
               Authed(ctx, {"citizen"}, [&ctx](Request& r, const Principal& p) { return AcceptNotice(ctx, r, p); }));
    router.Add("GET", "/api/v1/regions/{code}/processing-record",
               [&ctx](Request& r) { return ProcessingRecord(ctx, r); });
}

}  // namespace satupintu::api
