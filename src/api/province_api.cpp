// The province tier (issue 15): templates a province publishes and its regions adopt with their
// own parameters, and the province staff's drill-down into its regions' figures. A province's
// staff are the accounts of its own tenant ("32"); a region's admin adopts for the region. No
// route here shows a case or a person: only services, versions and counts.
#include "api/api.hpp"
#include "platform/templates.hpp"
#include "region/tenants.hpp"

#include <map>

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

constexpr store::TenantSql kServiceFigures{
    "SELECT s.code, s.name, s.kind, s.version, coalesce(sum(d.filed), 0), coalesce(sum(d.closed), 0)"
    " FROM services s LEFT JOIN case_daily d ON d.tenant = s.tenant AND d.service_id = s.id"
    " WHERE s.tenant = $1 AND s.active = 1 GROUP BY s.code, s.name, s.kind, s.version ORDER BY s.code"};

json::object TemplateJson(const platform::Template& t) {
    return {{"code", t.code},
            {"kind", t.kind},
            {"name", t.name},
            {"opd_code", t.opd_code},
            {"version", t.version},
            {"note", t.note},
            {"published_at", IsoUtc(t.created_at)},
            {"definition", t.definition}};
}

// The province's regions (served ones), by code.
Result<std::vector<region::TenantRecord>> RegionsOf(store::ReadTx& tx, const std::string& province) {
    SP_ASSIGN(auto all, region::ListTenantRecords(tx));
    std::vector<region::TenantRecord> out;
    for (auto& r : all) {
        if (r.tenant.code.size() == 5 && r.tenant.code.rfind(province + ".", 0) == 0 && !r.disabled_at)
            out.push_back(std::move(r));
    }
    return out;
}

Response ProvinceOnly(Request& req, const Principal& p) {
    (void)p;
    return Fail(req, Err(Errc::kForbidden, "for a province's staff"));
}

// GET /api/v1/province/templates: the templates, each with the version every region adopted.
Response ListProvinceTemplates(ApiContext& ctx, Request& req, const Principal& p) {
    if (!platform::IsProvince(p.tenant.code())) return ProvinceOnly(req, p);
    json::array out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(const auto templates, platform::LatestTemplates(tx, p.tenant.code()));
        SP_ASSIGN(const auto regions, RegionsOf(tx, p.tenant.code()));
        std::map<std::string, json::array> adopted;  // template code -> [{region, version}]
        for (const auto& r : regions) {
            SP_ASSIGN(const auto adoptions, platform::Adoptions(tx, store::TenantId(r.tenant.code)));
            for (const auto& a : adoptions)
                adopted[a.code].push_back({{"region", r.tenant.code}, {"name", r.tenant.name}, {"version", a.version}});
        }
        for (const auto& t : templates) {
            json::object o = TemplateJson(t);
            o["adopted_by"] = std::move(adopted[t.code]);
            out.push_back(std::move(o));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"province", p.tenant.code()}, {"templates", std::move(out)}});
}

// PUT /api/v1/province/templates: publishes a template or its next version.
Response PutProvinceTemplate(ApiContext& ctx, Request& req, const Principal& p) {
    if (!platform::IsProvince(p.tenant.code())) return ProvinceOnly(req, p);
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    platform::Template t;
    for (auto [field, into, max] : {std::tuple{"code", &t.code, 40}, std::tuple{"kind", &t.kind, 20},
                                    std::tuple{"name", &t.name, 200}, std::tuple{"opd_code", &t.opd_code, 24}}) {
        auto v = RequiredString(*body, field, max);
        if (!v) return Fail(req, v.error());
        *into = std::move(*v);
    }
    t.note = OptionalString(*body, "note").value_or("");
    if (t.note.size() > 1000) return Fail(req, Err(Errc::kInvalidInput, "at most 1000 characters", "note"));
    t.definition = *body;
    platform::Template saved;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(saved, platform::PublishTemplate(tx, p.tenant, t, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, TemplateJson(saved));
}

// GET /api/v1/templates: what the region's province offers, and what the region adopted.
Response ListRegionTemplates(ApiContext& ctx, Request& req, const Principal& p) {
    if (platform::IsProvince(p.tenant.code()))
        return Fail(req, Err(Errc::kForbidden, "a province's own templates are at /api/v1/province/templates"));
    const std::string province = p.tenant.code().substr(0, 2);
    json::array out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(const auto templates, platform::LatestTemplates(tx, province));
        SP_ASSIGN(const auto adoptions, platform::Adoptions(tx, p.tenant));
        for (const auto& t : templates) {
            json::object o = TemplateJson(t);
            const auto a = std::ranges::find(adoptions, t.code, &platform::Adoption::code);
            o["adopted_version"] = a == adoptions.end() ? json::value(nullptr) : json::value(a->version);
            o["params"] = a == adoptions.end() ? json::object{} : a->params;
            o["update_pending"] = a != adoptions.end() && a->version < t.version;
            out.push_back(std::move(o));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"province", province}, {"templates", std::move(out)}});
}

// POST /api/v1/templates/{service}/accept {"version": n, "params": {...}}
Response AcceptTemplate(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    const auto* version = body->if_contains("version");
    if (!version || !version->is_int64()) return Fail(req, Err(Errc::kInvalidInput, "the version reviewed", "version"));
    json::object params;
    if (const auto* given = body->if_contains("params")) {
        if (!given->is_object()) return Fail(req, Err(Errc::kInvalidInput, "an object", "params"));
        params = given->as_object();
    }
    catalog::Service saved;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(saved,
                  platform::AcceptTemplate(tx, p.tenant, req.Param("service"), static_cast<int>(version->as_int64()),
                                           params, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    ctx.names.Invalidate(p.tenant.code());
    return Json(200, {{"code", saved.code},
                      {"service_version", saved.version},
                      {"template_version", version->as_int64()},
                      {"opd_id", saved.opd_id},
                      {"sla",
                       {{"verify_days", saved.sla.verify_days},
                        {"follow_up_days", saved.sla.follow_up_days},
                        {"auto_close_days", saved.sla.auto_close_days},
                        {"resolve_days", saved.sla.resolve_days}}}});
}

// GET /api/v1/province/regions/{code}: one region's services with their figures and the template
// version each follows. Counts only.
Response RegionDrillDown(ApiContext& ctx, Request& req, const Principal& p) {
    if (!platform::IsProvince(p.tenant.code())) return ProvinceOnly(req, p);
    const std::string code = req.Param("code");
    if (code.rfind(p.tenant.code() + ".", 0) != 0) return Fail(req, Err(Errc::kNotFound));
    json::array services;
    std::string name;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(const auto region, region::FindTenant(tx, code));
        if (!region) return Err(Errc::kNotFound);
        name = region->name;
        const store::TenantId tenant(code);
        SP_ASSIGN(const auto adoptions, platform::Adoptions(tx, tenant));
        SP_ASSIGN(const auto rows, tx.Query(kServiceFigures, tenant));
        for (const auto& r : rows) {
            const auto a = std::ranges::find(adoptions, r.Text(0), &platform::Adoption::code);
            services.push_back(
                {{"code", r.Text(0)},
                 {"name", r.Text(1)},
                 {"kind", r.Text(2)},
                 {"service_version", r.Int(3)},
                 {"filed", r.Int(4)},
                 {"closed", r.Int(5)},
                 {"template_version", a == adoptions.end() ? json::value(nullptr) : json::value(a->version)}});
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"code", code}, {"name", name}, {"services", std::move(services)}});
}

}  // namespace

void RegisterProvinceRoutes(http::Router& router, ApiContext& ctx) {
    const std::vector<std::string> readers = {"admin", "executive", "auditor"};
    router.Add("GET", "/api/v1/province/templates", Authed(ctx, readers, [&ctx](Request& r, const Principal& p) {
                   return ListProvinceTemplates(ctx, r, p);
               }));
    router.Add("PUT", "/api/v1/province/templates", Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) {
                   return PutProvinceTemplate(ctx, r, p);
               }));
    router.Add("GET", "/api/v1/province/regions/{code}",
               Authed(ctx, readers, [&ctx](Request& r, const Principal& p) { return RegionDrillDown(ctx, r, p); }));
    router.Add("GET", "/api/v1/templates", Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) {
                   return ListRegionTemplates(ctx, r, p);
               }));
    router.Add("POST", "/api/v1/templates/{service}/accept",
               Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) { return AcceptTemplate(ctx, r, p); }));
}

}  // namespace satupintu::api
