#include "api/api.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"
#include "http/problem.hpp"
#include "identity/api_keys.hpp"
#include "region/opds.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;

http::Response Json(int status, const json::value& v) {
    return Response::Json(status, v);
}

http::Response Fail(const Request& req, const Error& e) {
    return http::Problem(req, e);
}

Result<catalog::Service> PutServiceFromBody(ApiContext& ctx, const json::object& body, const std::string& kind,
                                            const identity::Principal& p,
                                            const std::function<Status(const catalog::Service&)>& check) {
    SP_ASSIGN(auto code, RequiredString(body, "code", 40));
    SP_ASSIGN(auto name, RequiredString(body, "name", 200));
    SP_ASSIGN(auto opd_code, RequiredString(body, "opd_code", 24));
    SP_ASSIGN(auto s, catalog::FromDefinition(body));
    s.code = code;
    s.name = name;
    s.kind = kind;
    if (const auto* active = body.if_contains("active"); active && active->is_bool()) s.active = active->as_bool();
    if (check) SP_TRY(check(s));
    catalog::Service saved;
    SP_TRY(ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, p.tenant, opd_code));
        if (!opd) return Err(Errc::kInvalidInput, "no such OPD", "opd_code");
        s.opd_id = opd->id;
        SP_ASSIGN(saved, catalog::PutService(tx, p.tenant, s, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    }));
    return saved;
}

Result<json::object> JsonBody(const Request& req) {
    const std::string_view type = req.Header("content-type");
    if (type.substr(0, type.find(';')) != "application/json") {
        return Err(Errc::kUnsupportedMedia, "send application/json");
    }
    // JSON is UTF-8 (RFC 8259); a body declared in another charset is refused, not guessed at.
    for (size_t at = type.find(';'); at != std::string_view::npos; at = type.find(';', at + 1)) {
        std::string param(type.substr(at + 1, type.find(';', at + 1) - at - 1));
        std::erase(param, ' ');
        for (char& ch : param) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (param.rfind("charset=", 0) == 0 && param != "charset=utf-8" && param != "charset=\"utf-8\"")
            return Err(Errc::kUnsupportedMedia, "JSON is sent as UTF-8", "content-type");
    }
    return ParseJsonObject(req.body);
}

http::Run QuickOnSqlite(const ApiContext& ctx) {
    return ctx.store.kind() == store::Kind::kSqlite ? http::Run::kQuick : http::Run::kWorker;
}

http::Response ServePublic(ApiContext& ctx, Request& req, const store::TenantId& tenant, int tz_offset_minutes,
                           const std::function<Response()>& make) {
    int64_t head = 0;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(head, events::HeadSeq(tx, tenant));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    const std::string version = std::to_string(head) + "-" + CivilDate(ctx.clock.NowMs(), tz_offset_minutes);
    const std::string etag = "W/\"" + version + "\"";
    const std::string key = tenant.code() + " " + req.path + "?" + req.query;
    const auto answer = [&](const PublicCache::Answer& a) {
        Response r;
        if (req.Header("if-none-match") == etag) {
            r.status = 304;
        } else {
            r.content_type = a.content_type;
            r.body = a.body;
        }
        r.Set("cache-control", a.cache_control);
        r.Set("etag", etag);
        return r;
    };
    if (const auto kept = ctx.public_answers.Find(key, version)) return answer(*kept);
    if (req.on_io_thread) return Response::ToWorker();
    Response r = make();
    const std::string cache_control(r.Get("cache-control"));
    if (r.status != 200 || r.pending || r.stream || cache_control.rfind("public", 0) != 0) return r;
    auto kept = std::make_shared<PublicCache::Answer>(
        PublicCache::Answer{version, std::move(r.content_type), cache_control, std::move(r.body)});
    ctx.public_answers.Put(key, kept);
    return answer(*kept);
}

http::Run PublicReadRun(const ApiContext& ctx) {
    return ctx.store.kind() == store::Kind::kSqlite ? http::Run::kQuickFirst : http::Run::kWorker;
}

Result<std::optional<identity::Principal>> Authenticate(ApiContext& ctx, Request& req) {
    const int64_t now = ctx.clock.NowMs();
    std::optional<identity::Principal> who;
    const auto authz = req.Header("authorization");
    if (authz.rfind("Bearer ", 0) == 0) {
        const std::string key(authz.substr(7));
        SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(who, identity::FindApiKey(tx, key));
            return Status::Ok();
        }));
        return who;
    }
    const auto token = req.Cookie(kSessionCookie);
    if (!token) return who;
    if ((who = ctx.session_cache.Get(*token, now))) return who;
    bool touch = false;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto found, identity::FindSession(tx, *token, now, ctx.sessions));
        if (found) {
            who = std::move(found->principal);
            touch = found->needs_touch;
        }
        return Status::Ok();
    }));
    if (touch) {
        SP_TRY(ctx.store.Write([&](store::WriteTx& tx) { return identity::TouchSession(tx, *token, now); }));
    }
    if (who) ctx.session_cache.Put(*token, *who, now);
    return who;
}

http::Handler Authed(ApiContext& ctx, std::vector<std::string> roles, AuthedHandler handler) {
    return [&ctx, roles = std::move(roles), handler = std::move(handler)](Request& req) -> Response {
        auto who = Authenticate(ctx, req);
        if (!who) return Fail(req, who.error());
        if (!*who) return Fail(req, Err(Errc::kUnauthenticated));
        const identity::Principal& p = **who;
        req.log_actor = p.Actor();
        if (const int64_t wait = ctx.account_limiter.Acquire(p.tenant.code() + "/" + p.Actor(), ctx.clock.NowMs());
            wait > 0) {
            Response r = Fail(req, Err(Errc::kRateLimited));
            r.Set("retry-after", std::to_string((wait + 999) / 1000));
            return r;
        }
        const bool safe = req.method == "GET" || req.method == "HEAD";
        if (!p.via_api_key && !safe && !crypto::ConstantTimeEqual(req.Header("x-csrf-token"), p.csrf_token)) {
            return Fail(req, Err(Errc::kCsrf));
        }
        if (!roles.empty() && std::find(roles.begin(), roles.end(), p.role) == roles.end()) {
            return Fail(req, Err(Errc::kForbidden));
        }
        return handler(req, p);
    };
}

void RegisterRoutes(http::Router& router, ApiContext& ctx) {
    router.Add(
        "GET", "/healthz",
        [](Request&) {
            return Json(200, {{"status", "ok"}});
        },
        http::Run::kInline);
    router.Add("GET", "/readyz", [&ctx](Request& req) {
        auto version = ctx.store.SchemaVersion();
        if (!version) return Fail(req, Err(Errc::kUnavailable, "store not reachable"));
        // Fail-stop (a storage fault, a broken audit chain): take this node out of service.
        if (const auto halted = ctx.store.Halted()) return Fail(req, Err(Errc::kWritesHalted, *halted));
        if (!ctx.audited.load()) return Fail(req, Err(Errc::kUnavailable, "verifying the audit chains"));
        return Json(200, {{"status", "ready"}, {"schema_version", *version}, {"nodes", ctx.nodes.load()}});
    });
    auto page = [&ctx](std::string file) { return [&ctx, file](Request& req) { return ctx.web.Serve(req, file); }; };
    // The JSON API's contract (OpenAPI 3.1) and a page that reads it.
    router.Add("GET", "/api/v1/openapi.json", page("openapi.json"), http::Run::kInline);
    router.Add(
        "GET", "/api/docs",
        [&ctx](Request& req) {
            Response r = ctx.web.Serve(req, "api-docs.html");
            // The reference viewer styles its own elements inline; this page alone allows inline
            // styles (it shows the static contract, no one's data). Scripts stay 'self' only.
            r.Set("content-security-policy",
                  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                  "frame-ancestors 'none'");
            return r;
        },
        http::Run::kInline);
    router.Add("GET", "/", page("index.html"), http::Run::kInline);
    router.Add("GET", "/login", page("login.html"), http::Run::kInline);
    router.Add("GET", "/daftar", page("daftar.html"), http::Run::kInline);
    router.Add("GET", "/lupa-sandi", page("lupa-sandi.html"), http::Run::kInline);
    router.Add("GET", "/account", page("account.html"), http::Run::kInline);
    router.Add("GET", "/lapor", page("lapor.html"), http::Run::kInline);
    router.Add("GET", "/lacak/{code}/{number}", page("lacak.html"), http::Run::kInline);
    router.Add("GET", "/pengaduan", page("pengaduan.html"), http::Run::kInline);
    router.Add("GET", "/petugas", page("petugas.html"), http::Run::kInline);
    router.Add("GET", "/kalkulator-pajak", page("kalkulator.html"), http::Run::kInline);
    router.Add("GET", "/verifikasi/{code}/{id}", page("verifikasi.html"), http::Run::kInline);
    router.Add("GET", "/verifikasi", page("verifikasi.html"), http::Run::kInline);
    router.Add("GET", "/layanan", page("layanan.html"), http::Run::kInline);
    router.Add("GET", "/layanan/{code}", page("layanan.html"), http::Run::kInline);
    router.Add("GET", "/izin/{number}", page("izin.html"), http::Run::kInline);
    router.Add("GET", "/petugas/izin", page("izin.html"), http::Run::kInline);
    router.Add("GET", "/admin/layanan", page("admin-layanan.html"), http::Run::kInline);
    router.Add("GET", "/komando", page("komando.html"), http::Run::kInline);
    router.Add("GET", "/komando/{code}", page("komando.html"), http::Run::kInline);
    router.Add("GET", "/rekap", page("rekap.html"), http::Run::kInline);
    router.Add("GET", "/portal", page("portal.html"), http::Run::kInline);
    router.Add(
        "GET", "/static/{*path}", [&ctx](Request& req) { return ctx.web.Serve(req, "static/" + req.Param("path")); },
        http::Run::kInline);
    RegisterAuthRoutes(router, ctx);
    RegisterRegionRoutes(router, ctx);
    RegisterAuditRoutes(router, ctx);
    RegisterCalendarRoutes(router, ctx);
    RegisterComplaintRoutes(router, ctx);
    RegisterCaseRoutes(router, ctx);
    RegisterPrivacyRoutes(router, ctx);
    RegisterOpen311Routes(router, ctx);
    RegisterTaxRoutes(router, ctx);
    RegisterDocumentRoutes(router, ctx);
    RegisterPermitRoutes(router, ctx);
    RegisterPaymentRoutes(router, ctx);
    RegisterDashboardRoutes(router, ctx);
    RegisterOpenDataRoutes(router, ctx);
    RegisterPlatformRoutes(router, ctx);
    RegisterProvinceRoutes(router, ctx);
    UseIdempotencyKeys(router, ctx);
}

}  // namespace satupintu::api
