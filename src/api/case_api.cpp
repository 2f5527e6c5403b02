// Case classes defined in data, over HTTP: a region's admin puts a class (a catalog service of
// kind "case" whose definition carries its workflow); a party the workflow names opens cases of
// it; every other step goes through the shared case routes (GET /api/v1/cases/{number},
// POST /api/v1/cases/{number}/actions). The shipped workflows are public.
//
//   GET  /api/v1/workflows/{code}      a shipped workflow (pengaduan)
//   PUT  /api/v1/case-classes          admin: create or version a class {code, name, opd_code, spec: {workflow}}
//   POST /api/v1/cases                 open a case {service_code, description, attributes, kecamatan_code}
//   POST /api/v1/me/requests           citizen: a personal-data request (UU 27/2022) {kind, description}
//   GET  /api/v1/me/requests           citizen: their personal-data requests
//   GET  /api/v1/track?nomor=NUMBER    public: the regions where a tracking number is, with its page
//   GET  /lacak?nomor=NUMBER           the "Lacak laporan" box: to the case's page when one region has it
#include "api/api.hpp"
#include "api/case_context.hpp"
#include "cases/classes.hpp"
#include "cases/sla.hpp"
#include "core/ids.hpp"
#include "core/links.hpp"
#include "core/problems.hpp"

namespace satupintu::api {

namespace {

using http::Request;
using http::Response;
using identity::Principal;

Response ShippedWorkflow(Request& req) {
    const auto* w = workflow::Shipped(req.Param("code"));
    if (!w) return Fail(req, Err(Errc::kNotFound));
    Response r = Json(200, workflow::ToJson(*w));
    r.Set("cache-control", "public, max-age=300");
    return r;
}

Response PutCaseClass(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    // The workflow is checked before anything is written.
    auto saved = PutServiceFromBody(ctx, *body, cases::kCaseKind, p,
                                    [](const catalog::Service& s) { return cases::WorkflowOf(s).status(); });
    if (!saved) return Fail(req, saved.error());
    json::object out = catalog::DefinitionJson(*saved);
    out["code"] = saved->code;
    out["name"] = saved->name;
    out["version"] = saved->version;
    out["opd_id"] = saved->opd_id;
    return Json(200, out);
}

// Files a case of any class for the caller: the case and the region's UTC offset (for its times).
Result<std::pair<cases::Case, int>> File(ApiContext& ctx, const Principal& p, const cases::NewCase& in) {
    SP_ASSIGN(auto t, ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs()));
    const auto env = EnvOf(ctx, *t);
    cases::Case filed;
    SP_TRY(ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(filed, cases::FileCase(tx, p.tenant, in, env, ActorOf(p)));
        return Status::Ok();
    }));
    return std::make_pair(std::move(filed), t->tenant.tz_offset_minutes);
}

Response OpenCase(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    cases::NewCase in;
    auto code = RequiredString(*body, "service_code", 40);
    if (!code) return Fail(req, code.error());
    in.service_code = *code;
    if (const auto* d = body->if_contains("description"); d && d->is_string()) in.description = d->as_string();
    if (const auto* a = body->if_contains("attributes")) {
        if (!a->is_object()) return Fail(req, Err(Errc::kInvalidInput, "attributes must be an object", "attributes"));
        in.attributes = a->as_object();
    }
    in.kecamatan_code = OptionalString(*body, "kecamatan_code");
    in.attachment_ids = StringList(*body, "attachments");
    auto filed = File(ctx, p, in);
    if (!filed) return Fail(req, filed.error());
    return Json(201, cases::CaseJson(filed->first, false, filed->second));
}

// A person's requests under UU 27/2022 are cases of the region's HAK-DATA class (shipped
// workflow hak_data): this door only names the class and the kind.
constexpr const char* kDataRightsClass = "HAK-DATA";
constexpr const char* kDataRightsWorkflow = "hak_data";

json::object RequestJson(const cases::Case& c, int tz, int64_t now_ms) {
    json::object o = cases::CaseJson(c, false, tz);
    o["kind"] = c.attributes.contains("jenis") ? c.attributes.at("jenis") : json::value(nullptr);
    // The clock counts calendar days (3 x 24 hours), so the days left are calendar days too.
    const auto today = *ParseDate(CivilDate(now_ms, tz));
    if (c.is_open && c.stage_due && !c.paused_since) {
        const auto due = *ParseDate(*c.stage_due);
        o["overdue"] = cases::Overdue(due, today);
        o["days_left"] = (due - today).count();
    } else {
        o["overdue"] = false;
        o["days_left"] = nullptr;
    }
    return o;
}

Response FileDataRequest(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto kind = RequiredString(*body, "kind", 40);
    if (!kind) return Fail(req, kind.error());
    cases::NewCase in;
    in.service_code = kDataRightsClass;
    in.description = OptionalString(*body, "description").value_or("");
    in.attributes = {{"jenis", *kind}};
    auto filed = File(ctx, p, in);
    if (!filed && filed.error().field.starts_with("attributes"))
        return Fail(req, Invalid("kind", "input.data_request_kind"));
    if (!filed) return Fail(req, filed.error());
    return Json(201, RequestJson(filed->first, filed->second, ctx.clock.NowMs()));
}

Response MyDataRequests(ApiContext& ctx, Request& req, const Principal& p) {
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    std::vector<cases::Case> mine;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(mine, cases::CasesOfReporter(tx, p.tenant, p.user_id));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& c : mine)
        if (c.report_class == kDataRightsWorkflow)
            out.push_back(RequestJson(c, (*t)->tenant.tz_offset_minutes, ctx.clock.NowMs()));
    return Json(200, {{"requests", std::move(out)}});
}

Result<std::vector<cases::NumberFound>> FindNumber(ApiContext& ctx, const std::string& number) {
    std::vector<cases::NumberFound> found;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(found, cases::FindNumberAnywhere(tx, number));
        return Status::Ok();
    }));
    return found;
}

std::string PageOf(const std::string& number, const cases::NumberFound& f) {
    return f.kind == "permit" ? links::Application(number) : links::Track(f.region, number);
}

Response Track(ApiContext& ctx, Request& req) {
    const auto number = ParseTrackingNumber(req.Query("nomor").value_or(""));
    if (!number) return Fail(req, Invalid("nomor", "input.tracking_number"));
    auto found = FindNumber(ctx, *number);
    if (!found) return Fail(req, found.error());
    json::array matches;
    for (const auto& f : *found)
        matches.push_back(
            {{"region", f.region}, {"region_name", f.region_name}, {"kind", f.kind}, {"url", PageOf(*number, f)}});
    return Json(200, {{"number", *number}, {"matches", std::move(matches)}});
}

// Without JavaScript too: one region has the number, so the box leads straight to its page;
// otherwise the search page shows the choice, or says nothing was found.
Response TrackPage(ApiContext& ctx, Request& req) {
    if (const auto number = ParseTrackingNumber(req.Query("nomor").value_or(""))) {
        auto found = FindNumber(ctx, *number);
        if (found && found->size() == 1) {
            Response r = Response::Text(302, "", "text/plain; charset=utf-8");
            r.Set("location", PageOf(*number, found->front()));
            return r;
        }
    }
    return ctx.web.Serve(req, "cari.html");
}

}  // namespace

void RegisterCaseRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/workflows/{code}", [](Request& r) { return ShippedWorkflow(r); });
    router.Add("PUT", "/api/v1/case-classes",
               Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) { return PutCaseClass(ctx, r, p); }));
    router.Add("POST", "/api/v1/cases",
               Authed(ctx, {}, [&ctx](Request& r, const Principal& p) { return OpenCase(ctx, r, p); }));
    router.Add("POST", "/api/v1/me/requests",
               Authed(ctx, {"citizen"}, [&ctx](Request& r, const Principal& p) { return FileDataRequest(ctx, r, p); }));
    router.Add("GET", "/api/v1/track", [&ctx](Request& r) { return Track(ctx, r); });
    router.Add("GET", "/lacak", [&ctx](Request& r) { return TrackPage(ctx, r); });
    router.Add("GET", "/api/v1/me/requests",
               Authed(ctx, {"citizen"}, [&ctx](Request& r, const Principal& p) { return MyDataRequests(ctx, r, p); }));
}

}  // namespace satupintu::api
