// The platform operator's API (issue 15): onboarding regions, listing them, disabling and enabling
// them. Only a platform key (`satupintu apikey create --platform`) reaches these routes; no
// region's account or key does, whatever its role.
#include "api/api.hpp"
#include "identity/api_keys.hpp"
#include "platform/onboard.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

namespace {

using PlatformHandler = std::function<Response(Request&, const std::string& actor)>;

// Requires a platform key (Authorization: Bearer spp_...) and applies the per-account limit.
http::Handler PlatformAuthed(ApiContext& ctx, PlatformHandler handler) {
    return [&ctx, handler = std::move(handler)](Request& req) -> Response {
        const auto authz = req.Header("authorization");
        if (authz.rfind("Bearer ", 0) != 0) return Fail(req, Err(Errc::kUnauthenticated));
        std::optional<std::string> key_id;
        const std::string key(authz.substr(7));
        auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(key_id, identity::FindPlatformKey(tx, key));
            return Status::Ok();
        });
        if (!st) return Fail(req, st.error());
        // A region's own key or session is refused as a stranger: these routes are not its.
        if (!key_id) return Fail(req, Err(Errc::kUnauthenticated));
        const std::string actor = "platform:" + *key_id;
        req.log_actor = actor;
        if (const int64_t wait = ctx.account_limiter.Acquire(actor, ctx.clock.NowMs()); wait > 0) {
            Response r = Fail(req, Err(Errc::kRateLimited));
            r.Set("retry-after", std::to_string((wait + 999) / 1000));
            return r;
        }
        return handler(req, actor);
    };
}

json::object RecordJson(const region::TenantRecord& r) {
    json::object o{{"code", r.tenant.code},
                   {"name", r.tenant.name},
                   {"tz_offset_minutes", r.tenant.tz_offset_minutes},
                   {"created_at", IsoUtc(r.created_at)},
                   {"served", !r.disabled_at}};
    o["disabled_at"] = r.disabled_at ? json::value(IsoUtc(*r.disabled_at)) : nullptr;
    o["opd_template"] = r.opd_template ? json::value(*r.opd_template) : nullptr;
    return o;
}

json::object OnboardedJson(const platform::Onboarded& r) {
    json::object o{{"code", r.code},
                   {"name", r.name},
                   {"kind", r.kind},
                   {"created", r.created},
                   {"opd_template", r.opd_template},
                   {"kecamatan", r.kecamatan},
                   {"desa", r.desa},
                   {"boundaries", r.boundaries},
                   {"added", json::object{{"opds", r.opds},
                                          {"complaint_categories", r.categories},
                                          {"permit_services", r.permits},
                                          {"case_classes", r.classes}}},
                   {"admin_email", r.admin_email}};
    // Shown once: only the link's hash is kept.
    o["admin_first_login_link"] = r.admin_link ? json::value(*r.admin_link) : nullptr;
    return o;
}

Response ListRegions(ApiContext& ctx, Request& req) {
    std::vector<region::TenantRecord> all;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(all, region::ListTenantRecords(tx));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& r : all) out.push_back(RecordJson(r));
    Response res = Json(200, {{"regions", std::move(out)}});
    res.Set("cache-control", "no-store");
    return res;
}

Response AddRegions(ApiContext& ctx, Request& req, const std::string& actor) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto code = RequiredString(*body, "code", 5);
    if (!code) return Fail(req, code.error());
    auto email = RequiredString(*body, "admin_email", 254);
    if (!email) return Fail(req, email.error());
    auto done = platform::OnboardRegions(ctx.store, ctx.vault, ctx.clock, ctx.share_dir, ctx.geo, *code,
                                         platform::OnboardOptions{*email, ctx.public_url, actor});
    if (!done) return Fail(req, done.error());
    json::array out;
    bool created = false;
    for (const auto& r : *done) {
        created = created || r.created;
        ctx.calendars.Invalidate(r.code);
        out.push_back(OnboardedJson(r));
    }
    Response res = Json(created ? 201 : 200, {{"regions", std::move(out)}});
    res.Set("cache-control", "no-store");
    return res;
}

Response SetServed(ApiContext& ctx, Request& req, const std::string& actor, bool disabled) {
    const std::string& code = req.Param("code");
    std::optional<region::TenantRecord> after;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_TRY(region::SetTenantDisabled(tx, code, disabled, ctx.clock.NowMs(), actor));
        SP_ASSIGN(after, region::FindTenantRecord(tx, code));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    ctx.calendars.Invalidate(code);
    return Json(200, RecordJson(*after));
}

}  // namespace

void RegisterPlatformRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/platform/regions",
               PlatformAuthed(ctx, [&ctx](Request& req, const std::string&) { return ListRegions(ctx, req); }));
    router.Add("POST", "/api/v1/platform/regions",
               PlatformAuthed(ctx, [&ctx](Request& req, const std::string& a) { return AddRegions(ctx, req, a); }));
    router.Add(
        "POST", "/api/v1/platform/regions/{code}/disable",
        PlatformAuthed(ctx, [&ctx](Request& req, const std::string& a) { return SetServed(ctx, req, a, true); }));
    router.Add(
        "POST", "/api/v1/platform/regions/{code}/enable",
        PlatformAuthed(ctx, [&ctx](Request& req, const std::string& a) { return SetServed(ctx, req, a, false); }));
}

}  // namespace satupintu::api
