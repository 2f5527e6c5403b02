// Regions (public wilayah reads, tenants) and the caller's OPDs.
#include "api/api.hpp"
#include "core/problems.hpp"
#include "documents/render.hpp"
#include "region/opds.hpp"
#include "region/tenants.hpp"
#include "region/wilayah.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

json::object RegionJson(const region::Region& r) {
    json::object o{{"code", r.code}, {"level", r.level}, {"kind", r.kind}, {"name", r.name}};
    o["parent_code"] = r.parent_code.empty() ? json::value(nullptr) : json::value(r.parent_code);
    return o;
}

json::object OpdJson(const region::Opd& o) {
    json::object j{{"id", o.id}, {"code", o.code}, {"name", o.name}, {"kind", o.kind}};
    j["kecamatan_code"] = o.kecamatan_code ? json::value(*o.kecamatan_code) : nullptr;
    return j;
}

Response GetRegion(ApiContext& ctx, Request& req) {
    const std::string& code = req.Param("code");
    if (region::CodeLevel(code) == 0) return Fail(req, Err(Errc::kNotFound));
    std::optional<region::Region> r;
    std::vector<region::Region> children;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(r, region::FindRegion(tx, code));
        if (r) {
            SP_ASSIGN(children, region::Children(tx, code));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!r) return Fail(req, Err(Errc::kNotFound));
    json::array kids;
    for (const auto& c : children) kids.push_back(RegionJson(c));
    json::object o = RegionJson(*r);
    o["children"] = std::move(kids);
    Response res = Json(200, o);
    res.Set("cache-control", "public, max-age=3600");
    return res;
}

Response ListTenants(ApiContext& ctx, Request& req) {
    std::vector<region::Tenant> tenants;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(tenants, region::ListTenants(tx));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& t : tenants) out.push_back({{"code", t.code}, {"name", t.name}});
    return Json(200, {{"regions", std::move(out)}});
}

Response ListOpds(ApiContext& ctx, Request& req, const Principal& p) {
    std::vector<region::Opd> opds;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(opds, region::ListOpds(tx, p.tenant));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& o : opds) out.push_back(OpdJson(o));
    return Json(200, {{"opds", std::move(out)}});
}

Response GetOpd(ApiContext& ctx, Request& req, const Principal& p) {
    std::optional<region::Opd> opd;
    std::vector<region::OpdUnit> units;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(opd, region::GetOpd(tx, p.tenant, req.Param("id")));
        if (opd) {
            SP_ASSIGN(units, region::ListOpdUnits(tx, p.tenant, opd->id));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!opd) return Fail(req, Err(Errc::kNotFound));
    json::object o = OpdJson(*opd);
    json::array u;
    for (const auto& x : units) u.push_back({{"id", x.id}, {"name", x.name}});
    o["units"] = std::move(u);
    return Json(200, o);
}

Response CreateOpd(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    region::NewOpd in;
    auto code = RequiredString(*body, "code", 24);
    auto name = RequiredString(*body, "name", 200);
    auto kind = RequiredString(*body, "kind", 40);
    if (!code) return Fail(req, code.error());
    if (!name) return Fail(req, name.error());
    if (!kind) return Fail(req, kind.error());
    in.code = *code;
    in.name = *name;
    in.kind = *kind;
    in.kecamatan_code = OptionalString(*body, "kecamatan_code");
    std::optional<region::Opd> opd;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(opd, region::CreateOpd(tx, p.tenant, in, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    ctx.names.Invalidate(p.tenant.code());
    return Json(201, OpdJson(*opd));
}

Response CreateUnit(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto name = RequiredString(*body, "name", 200);
    if (!name) return Fail(req, name.error());
    std::optional<region::OpdUnit> unit;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(unit, region::CreateOpdUnit(tx, p.tenant, req.Param("id"), *name, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(201, {{"id", unit->id}, {"opd_id", unit->opd_id}, {"name", unit->name}});
}

constexpr size_t kMaxEmblemBytes = 256 * 1024;

// The region's emblem for its letterheads: a PNG (at most 256 KB) that the PDF library can draw.
// Documents issued from now on carry it; those issued before keep theirs.
Response PutEmblem(ApiContext& ctx, Request& req, const Principal& p) {
    if (req.body.size() > kMaxEmblemBytes) return Fail(req, Err(Errc::kPayloadTooLarge, "an emblem is at most 256 KB"));
    if (!req.body.starts_with("\x89PNG\r\n\x1a\n") || !documents::DrawablePng(req.body))
        return Fail(req, Invalid("emblem", "input.emblem_png"));
    auto sha = ctx.files.Put(req.body);
    if (!sha) return Fail(req, sha.error());
    auto st = ctx.store.Write(
        [&](store::WriteTx& tx) { return region::SetEmblem(tx, p.tenant.code(), *sha, ctx.clock.NowMs(), p.Actor()); });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"sha256", *sha}, {"url", "/api/v1/regions/" + p.tenant.code() + "/emblem"}});
}

Response GetEmblem(ApiContext& ctx, Request& req) {
    std::optional<std::string> sha;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(sha, region::EmblemOf(tx, req.Param("code")));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!sha) return Fail(req, Err(Errc::kNotFound, "this region has no emblem"));
    auto png = ctx.files.Get(*sha);
    if (!png) return Fail(req, png.error());
    Response r = Response::Text(200, std::move(*png), "image/png");
    r.Set("cache-control", "public, max-age=3600");
    return r;
}

const std::vector<std::string> kStaff = {"admin",   "opd_head",     "officer",  "verifier",
                                         "auditor", "lab_reviewer", "executive"};

}  // namespace

void RegisterRegionRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions", [&ctx](Request& req) { return ListTenants(ctx, req); });
    router.Add("GET", "/api/v1/wilayah/{code}", [&ctx](Request& req) { return GetRegion(ctx, req); });
    router.Add("GET", "/api/v1/opds",
               Authed(ctx, kStaff, [&ctx](Request& req, const Principal& p) { return ListOpds(ctx, req, p); }),
               QuickOnSqlite(ctx));
    router.Add("GET", "/api/v1/opds/{id}",
               Authed(ctx, kStaff, [&ctx](Request& req, const Principal& p) { return GetOpd(ctx, req, p); }),
               QuickOnSqlite(ctx));
    router.Add("POST", "/api/v1/opds",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return CreateOpd(ctx, req, p); }));
    router.Add("GET", "/api/v1/regions/{code}/emblem", [&ctx](Request& req) { return GetEmblem(ctx, req); });
    router.Add("PUT", "/api/v1/region/emblem",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return PutEmblem(ctx, req, p); }));
    router.Add("POST", "/api/v1/opds/{id}/units",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return CreateUnit(ctx, req, p); }));
}

}  // namespace satupintu::api
