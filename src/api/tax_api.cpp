// Local taxes: the public calculators (PBB-P2, BPHTB, late-payment penalty) with the region's own
// parameters, those parameters in the open, and a region admin's change of them.
#include "api/api.hpp"
#include "core/problems.hpp"
#include "region/tenants.hpp"
#include "taxes/params.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

// A whole-rupiah amount from the query: digits only (no sign, separators or decimals).
Result<taxes::Rupiah> AmountParam(const Request& req, const char* name, bool required) {
    const auto text = req.Query(name);
    if (!text || text->empty()) {
        if (!required) return taxes::Rupiah{0};
        return Invalid(name, "input.rupiah");
    }
    if (text->size() > 16 || text->find_first_not_of("0123456789") != std::string::npos) {
        return Invalid(name, "input.rupiah");
    }
    const auto v = std::stoll(*text);
    if (v > taxes::kMaxAmount) return Invalid(name, "input.rupiah");
    return taxes::Rupiah{v};
}

Result<taxes::TaxParams> ParamsOf(ApiContext& ctx, const std::string& code) {
    std::optional<taxes::TaxParams> params;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, code));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        SP_ASSIGN(params, taxes::LoadParams(tx, store::TenantId(code)));
        return Status::Ok();
    }));
    return std::move(*params);
}

Response Answer(const Request& req, const char* tax, const taxes::TaxParams& p, const taxes::Assessment& a,
                json::object inputs) {
    json::object out = taxes::AssessmentJson(a);
    out["region"] = req.Param("code");
    out["tax"] = tax;
    out["inputs"] = std::move(inputs);
    out["parameters"] = taxes::ParamsJson(p);
    out["legal_basis"] = p.legal_basis;
    Response r = Json(200, out);
    r.Set("cache-control", "public, max-age=60");
    return r;
}

Response PbbP2(ApiContext& ctx, Request& req) {
    auto njop = AmountParam(req, "njop", true);
    if (!njop) return Fail(req, njop.error());
    auto p = ParamsOf(ctx, req.Param("code"));
    if (!p) return Fail(req, p.error());
    auto a = taxes::PbbP2(p->pbb, *njop);
    if (!a) return Fail(req, a.error());
    return Answer(req, "pbb-p2", *p, *a, {{"njop", *njop}});
}

Response Bphtb(ApiContext& ctx, Request& req) {
    auto price = AmountParam(req, "price", false);
    if (!price) return Fail(req, price.error());
    auto njop = AmountParam(req, "njop", false);
    if (!njop) return Fail(req, njop.error());
    if (*price == 0 && *njop == 0) {
        return Fail(req, Invalid("price", "input.price_or_njop"));
    }
    const auto acquisition = taxes::AcquisitionFromName(req.Query("acquisition").value_or("purchase"));
    if (!acquisition) {
        return Fail(req, Err(Errc::kInvalidInput, "acquisition: purchase or inheritance", "acquisition"));
    }
    auto p = ParamsOf(ctx, req.Param("code"));
    if (!p) return Fail(req, p.error());
    auto a = taxes::Bphtb(p->bphtb, *price, *njop, *acquisition);
    if (!a) return Fail(req, a.error());
    return Answer(req, "bphtb", *p, *a,
                  {{"price", *price},
                   {"njop", *njop},
                   {"acquisition", *acquisition == taxes::Acquisition::kInheritance ? "inheritance" : "purchase"}});
}

Response Penalty(ApiContext& ctx, Request& req) {
    auto principal = AmountParam(req, "principal", true);
    if (!principal) return Fail(req, principal.error());
    const auto due = ParseDate(req.Query("due").value_or(""));
    if (!due) return Fail(req, Err(Errc::kInvalidInput, "due must be a date YYYY-MM-DD", "due"));
    const auto paid = ParseDate(req.Query("paid").value_or(""));
    if (!paid) return Fail(req, Err(Errc::kInvalidInput, "paid must be a date YYYY-MM-DD", "paid"));
    auto p = ParamsOf(ctx, req.Param("code"));
    if (!p) return Fail(req, p.error());
    const int months = taxes::MonthsLate(*due, *paid);
    auto a = taxes::Penalty(p->penalty, *principal, months);
    if (!a) return Fail(req, a.error());
    return Answer(
        req, "penalty", *p, *a,
        {{"principal", *principal}, {"due", FormatDate(*due)}, {"paid", FormatDate(*paid)}, {"months_late", months}});
}

Response Parameters(ApiContext& ctx, Request& req) {
    auto p = ParamsOf(ctx, req.Param("code"));
    if (!p) return Fail(req, p.error());
    json::object out = taxes::ParamsJson(*p);
    out["region"] = req.Param("code");
    return Json(200, out);
}

Response SetParameters(ApiContext& ctx, Request& req, const Principal& who) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto p = taxes::ParamsFromJson(*body);
    if (!p) return Fail(req, p.error());
    auto st = ctx.store.Write(
        [&](store::WriteTx& tx) { return taxes::SaveParams(tx, who.tenant, *p, ctx.clock.NowMs(), who.Actor()); });
    if (!st) return Fail(req, st.error());
    json::object out = taxes::ParamsJson(*p);
    out["region"] = who.tenant.code();
    return Json(200, out);
}

}  // namespace

void RegisterTaxRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/calculators/pbb-p2", [&ctx](Request& req) { return PbbP2(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/calculators/bphtb", [&ctx](Request& req) { return Bphtb(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/calculators/penalty", [&ctx](Request& req) { return Penalty(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/tax-parameters", [&ctx](Request& req) { return Parameters(ctx, req); });
    router.Add("PUT", "/api/v1/tax-parameters",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return SetParameters(ctx, req, p); }));
}

}  // namespace satupintu::api
