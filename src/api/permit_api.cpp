// Permits and letters: the public catalog with each service's standard, tariff and measured
// times; the citizen's applications (draft, submit, correct); the officers' decisions; bills.
#include <map>

#include "api/api.hpp"
#include "api/case_context.hpp"
#include "cases/engine.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/problems.hpp"
#include "documents/documents.hpp"
#include "permits/permits.hpp"
#include "region/opds.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

// The region's OPD names, from the shared cache (read before a handler's own transaction).
std::shared_ptr<const Names> NamesOf(ApiContext& ctx, const std::string& region) {
    auto names = ctx.names.Get(ctx.store, store::TenantId(region), ctx.clock.NowMs());
    return names ? *names : std::make_shared<const Names>();
}

json::value FeeJson(const permits::FeeRule& f) {
    json::object o{{"type", f.type}, {"legal_basis", f.legal_basis}};
    if (f.type == "fixed") o["amount"] = f.amount;
    if (f.type == "tariff") {
        o["field"] = f.field;
        json::array rows;
        for (const auto& r : f.table) {
            rows.push_back({{"up_to", r.up_to ? json::value(*r.up_to) : json::value(nullptr)},
                            {"amount", r.amount},
                            {"per_unit", r.per_unit}});
        }
        o["table"] = std::move(rows);
    }
    if (f.type == "formula") {
        o["formula"] = f.formula;
        o["inputs"] = f.inputs;
        if (f.formula == "reklame") {
            o["nsr_per_m2_day"] = f.nsr_per_m2_day;
            o["rate_ppm"] = f.rate_ppm;
        }
    }
    return o;
}

json::array StepsJson(const permits::PermitSpec& spec) {
    json::array steps;
    for (const auto& s : spec.steps) {
        json::array decisions;
        for (const auto& d : s.decisions) decisions.push_back(json::string(d));
        steps.push_back({{"code", s.code},
                         {"label", s.label},
                         {"role", s.role},
                         {"opd_code", s.opd_code},
                         {"sla_days", s.sla_days},
                         {"bill", s.bill},
                         {"issues_document", s.issues_document},
                         {"approve_on_timeout", s.approve_on_timeout},
                         {"decisions", std::move(decisions)}});
    }
    return steps;
}

json::value FormJson(const std::vector<permits::FormField>& form) {
    json::array out;
    for (const auto& f : form) {
        json::object o{{"code", f.code}, {"label", f.label}, {"type", f.type}, {"required", f.required}};
        if (f.type == "text") o["max_length"] = f.max_length;
        if (f.type == "number") {
            o["min"] = f.min;
            if (f.max > 0) o["max"] = f.max;
        }
        if (f.type == "select") {
            json::array opts;
            for (const auto& x : f.options) opts.push_back(json::string(x));
            o["options"] = std::move(opts);
        }
        if (f.type == "group") {
            o["fields"] = FormJson(f.fields);
            o["max_items"] = f.max_items;
        }
        out.push_back(std::move(o));
    }
    return out;
}

json::object ServiceSummary(const permits::PermitService& ps, const std::string& opd_name) {
    int days = 0;
    for (const auto& s : ps.spec.steps) days += s.bill ? 0 : s.sla_days;
    return {{"code", ps.service.code},
            {"name", ps.service.name},
            {"version", ps.service.version},
            {"group", ps.service.group},
            {"description", ps.service.description},
            {"opd_name", opd_name},
            {"working_days", days},
            {"fee", FeeJson(ps.spec.fee)}};
}

Response ListCatalog(ApiContext& ctx, Request& req) {
    const auto names = NamesOf(ctx, req.Param("code"));
    json::array out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, req.Param("code")));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        const store::TenantId t(tenant->code);
        SP_ASSIGN(auto services, catalog::ListServices(tx, t, "permit"));
        for (auto& s : services) {
            auto spec = permits::ParseSpec(s.spec);
            if (!spec) continue;
            const std::string opd = names->Opd(s.opd_id);
            out.push_back(ServiceSummary({std::move(s), std::move(*spec)}, opd));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    Response r = Json(200, {{"region", req.Param("code")}, {"services", std::move(out)}});
    r.Set("cache-control", "public, max-age=60");
    return r;
}

Response ShowService(ApiContext& ctx, Request& req) {
    auto cal = ctx.calendars.Get(ctx.store, req.Param("code"), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    const auto names = NamesOf(ctx, (*cal)->tenant.code);
    json::object out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        const store::TenantId t((*cal)->tenant.code);
        SP_ASSIGN(auto ps, permits::LoadService(tx, t, req.Param("service")));
        out = ServiceSummary(ps, names->Opd(ps.service.opd_id));
        json::array standard;
        for (const char* c : permits::kStandardComponents) {
            standard.push_back({{"component", c}, {"value", ps.spec.standard.at(c)}});
        }
        out["standard"] = std::move(standard);
        out["form"] = FormJson(ps.spec.form);
        json::array docs;
        for (const auto& d : ps.spec.documents) {
            docs.push_back({{"code", d.code}, {"label", d.label}, {"required", d.required}});
        }
        out["documents"] = std::move(docs);
        out["steps"] = StepsJson(ps.spec);
        out["output"] = ps.spec.document.title;
        SP_ASSIGN(auto times,
                  permits::CompletionTimes(tx, t, ps.service.id, (*cal)->calendar, (*cal)->tenant.tz_offset_minutes));
        out["completion"] = {{"count", times.count},
                             {"median_working_days", times.median_days ? json::value(*times.median_days) : nullptr},
                             {"p90_working_days", times.p90_days ? json::value(*times.p90_days) : nullptr}};
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    Response r = Json(200, out);
    r.Set("cache-control", "public, max-age=60");
    return r;
}

// The service as an admin edits it: the same shape PUT takes (and the import file holds).
Response Definition(ApiContext& ctx, Request& req, const Principal& p) {
    json::object out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto s, catalog::FindServiceByCode(tx, p.tenant, req.Param("service")));
        if (!s || s->kind != "permit") return Err(Errc::kNotFound, "no such service");
        SP_ASSIGN(auto opd, region::GetOpd(tx, p.tenant, s->opd_id));
        out = {
            {"code", s->code},   {"version", s->version},         {"name", s->name}, {"opd_code", opd ? opd->code : ""},
            {"group", s->group}, {"description", s->description}, {"spec", s->spec}};
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, out);
}

Response PutService(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    catalog::Service s;
    s.code = req.Param("service");
    auto name = RequiredString(*body, "name", 200);
    auto opd_code = RequiredString(*body, "opd_code", 40);
    if (!name) return Fail(req, name.error());
    if (!opd_code) return Fail(req, opd_code.error());
    s.name = *name;
    s.group = OptionalString(*body, "group").value_or("");
    s.description = OptionalString(*body, "description").value_or("");
    const auto* spec = body->if_contains("spec");
    if (!spec || !spec->is_object()) return Fail(req, Err(Errc::kInvalidInput, "spec: an object", "spec"));
    s.spec = spec->as_object();
    std::optional<catalog::Service> saved;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto opd, region::GetOpdByCode(tx, p.tenant, *opd_code));
        if (!opd) return Err(Errc::kInvalidInput, "no such OPD", "opd_code");
        s.opd_id = opd->id;
        SP_ASSIGN(saved, permits::PutPermitService(tx, p.tenant, s, ctx.clock.NowMs(), p.Actor()));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"code", saved->code}, {"version", saved->version}});
}

// The application as its applicant and the officers see it.
Result<json::object> ApplicationView(ApiContext& ctx, store::ReadTx& tx, const store::TenantId& t, const cases::Case& c,
                                     const region::TenantCalendar& cal, const Names& names, const cases::Actor& actor) {
    SP_ASSIGN(auto ps, permits::LoadServiceVersion(tx, t, c.service_id, c.service_version));
    const int tz = cal.tenant.tz_offset_minutes;
    json::object o{{"number", c.number},
                   {"service_code", ps.service.code},
                   {"service_name", ps.service.name},
                   {"status", c.status},
                   {"stage", c.stage},
                   {"stage_due", c.stage_due ? json::value(*c.stage_due) : nullptr},
                   {"paused", c.paused_since.has_value()},
                   {"resolve_by", c.resolve_by},
                   {"filed_at", IsoWithOffset(c.filed_at, tz)},
                   {"closed_at", c.closed_at ? json::value(IsoWithOffset(*c.closed_at, tz)) : nullptr},
                   {"opd_name", names.Opd(c.opd_id)},
                   {"answers", permits::VisibleAnswers(c.attributes)}};
    if (const auto* d = c.attributes.if_contains("_documents")) o["documents"] = *d;
    const permits::Step* step = permits::CurrentStep(ps.spec, c);
    o["stage_label"] = step ? step->label : (c.status == "draft" ? "Draf" : "Selesai");
    o["steps"] = StepsJson(ps.spec);
    // What the caller may do now, from the service's workflow: pages keep no state machine.
    SP_ASSIGN(auto allowed, permits::Actions(tx, t, ps, c, actor));
    json::array actions, decisions;
    bool can_edit = false;
    for (const auto& a : allowed) {
        actions.emplace_back(a);
        if (a == "approve" || a == "return" || a == "reject") decisions.emplace_back(a);
        if (a == "save_draft" || a == "submit" || a == "resubmit") can_edit = true;
    }
    o["actions"] = std::move(actions);
    o["can_decide"] = !decisions.empty();
    o["decisions"] = std::move(decisions);
    o["can_edit"] = can_edit;
    SP_ASSIGN(auto bills, billing::BillsOfCase(tx, t, c.id));
    json::array bill_list;
    for (const auto& b : bills) {
        json::object bo{{"kode_bayar", b.kode_bayar},   {"amount", b.amount},
                        {"status", b.status},           {"rule", b.rule},
                        {"description", b.description}, {"expires_at", IsoWithOffset(b.expires_at, tz)}};
        if (b.payment_id) {
            SP_ASSIGN(auto pay, billing::FindPayment(tx, t, *b.payment_id));
            if (pay) {
                bo["ntpd"] = pay->ntpd;
                bo["paid_at"] = IsoWithOffset(pay->paid_at, tz);
            }
        }
        bill_list.push_back(std::move(bo));
    }
    o["bills"] = std::move(bill_list);
    SP_ASSIGN(auto docs, documents::DocumentsOfCase(tx, t, c.id));
    json::array doc_list;
    const std::string today = CivilDate(ctx.clock.NowMs(), tz);
    for (const auto& d : docs) {
        doc_list.push_back({{"id", d.id},
                            {"number", d.number},
                            {"title", d.title},
                            {"status", documents::StatusOn(d, today)},
                            {"download", "/api/v1/documents/" + d.id + "/pdf"},
                            {"verify", "/verifikasi/" + t.code() + "/" + d.id}});
    }
    o["issued_documents"] = std::move(doc_list);
    SP_ASSIGN(auto timeline, cases::Timeline(tx, t, c.id));
    json::array tl;
    for (const auto& e : timeline) tl.push_back(cases::TimelineJson(e, false, tz));
    o["timeline"] = std::move(tl);
    return o;
}

// The applicant; region-wide staff (verifiers, admins, auditors, the executive); and the staff
// of the OPDs the service's steps involve, as the service's workflow says. Nobody else.
Result<bool> MaySee(store::ReadTx& tx, const store::TenantId& t, const cases::Case& c, const Principal& p) {
    SP_ASSIGN(auto ps, permits::LoadServiceVersion(tx, t, c.service_id, c.service_version));
    return permits::MaySee(tx, t, ps, c, ActorOf(p));
}

Result<permits::Submission> SubmissionOf(const json::object& body) {
    permits::Submission sub;
    if (const auto* a = body.if_contains("answers")) {
        if (!a->is_object()) return Invalid("answers", "input.object");
        sub.answers = a->as_object();
    }
    if (const auto* d = body.if_contains("documents")) {
        if (!d->is_object()) return Invalid("documents", "input.object");
        sub.documents = d->as_object();
    }
    if (const auto* s = body.if_contains("submit")) {
        if (!s->is_bool()) return Invalid("submit", "input.boolean");
        sub.submit = s->as_bool();
    }
    return sub;
}

Response Answer(ApiContext& ctx, Request& req, const Principal& p, int status, const std::string& number,
                const region::TenantCalendar& cal) {
    json::object view;
    const auto names = NamesOf(ctx, p.tenant.code());
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto c, cases::FindApplication(tx, p.tenant, number));
        if (!c) return Err(Errc::kNotFound, "no such application");
        SP_ASSIGN(bool may, MaySee(tx, p.tenant, *c, p));
        if (!may) return Err(Errc::kNotFound, "no such application");
        SP_ASSIGN(view, ApplicationView(ctx, tx, p.tenant, *c, cal, *names, ActorOf(p)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(status, view);
}

Response CreateApplication(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto code = RequiredString(*body, "service_code", 40);
    if (!code) return Fail(req, code.error());
    auto sub = SubmissionOf(*body);
    if (!sub) return Fail(req, sub.error());
    auto cal = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    std::optional<cases::Case> c;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(c, permits::Apply(tx, p.tenant, *code, *sub, PermitEnvOf(ctx, **cal), ActorOf(p)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Answer(ctx, req, p, 201, c->number, **cal);
}

Response UpdateApplication(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto sub = SubmissionOf(*body);
    if (!sub) return Fail(req, sub.error());
    auto cal = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        return permits::Update(tx, p.tenant, req.Param("number"), *sub, PermitEnvOf(ctx, **cal), ActorOf(p)).status();
    });
    if (!st) return Fail(req, st.error());
    return Answer(ctx, req, p, 200, req.Param("number"), **cal);
}

Response Decide(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto action = RequiredString(*body, "action", 20);
    if (!action) return Fail(req, action.error());
    const permits::Decision d{*action, OptionalString(*body, "note").value_or("")};
    auto cal = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    std::optional<permits::StepResult> result;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(result, permits::Decide(tx, p.tenant, req.Param("number"), d, PermitEnvOf(ctx, **cal), ActorOf(p)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (result->document_id) {
        // Render and sign now, outside the transaction; a failure leaves it pending for the
        // first download to retry.
        auto file =
            documents::SignedFileOf(ctx.store, ctx.files, ctx.vault, p.tenant, *result->document_id, ctx.clock.NowMs());
        if (!file) log::Warn("document rendering failed", {{"error", file.error().detail}});
    }
    return Answer(ctx, req, p, 200, req.Param("number"), **cal);
}

Response ShowApplication(ApiContext& ctx, Request& req, const Principal& p) {
    auto cal = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    return Answer(ctx, req, p, 200, req.Param("number"), **cal);
}

json::object Row(const Names& names, const cases::Case& c) {
    return {{"number", c.number},
            {"service_name", c.description},
            {"status", c.status},
            {"stage", c.stage},
            {"stage_due", c.stage_due ? json::value(*c.stage_due) : nullptr},
            {"opd_name", names.Opd(c.opd_id)}};
}

Response MyApplications(ApiContext& ctx, Request& req, const Principal& p) {
    json::array out;
    const auto names = NamesOf(ctx, p.tenant.code());
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto list, cases::ApplicationsOf(tx, p.tenant, p.user_id));
        for (const auto& c : list) out.push_back(Row(*names, c));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"applications", std::move(out)}});
}

// The officer's queue: applications whose current step this officer may decide.
Response Queue(ApiContext& ctx, Request& req, const Principal& p) {
    json::array out;
    const auto names = NamesOf(ctx, p.tenant.code());
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto list, cases::ApplicationsAwaitingDecision(tx, p.tenant, 500));
        // Each service version loaded and its workflow compiled once, not once per application.
        std::map<std::pair<std::string, int>, std::pair<permits::PermitService, workflow::Workflow>> services;
        const cases::Actor who = ActorOf(p);
        const auto actor = cases::FactsOf(who);  // views into `who`
        for (const auto& c : list) {
            auto key = std::make_pair(c.service_id, c.service_version);
            if (!services.count(key)) {
                SP_ASSIGN(auto ps, permits::LoadServiceVersion(tx, p.tenant, c.service_id, c.service_version));
                SP_ASSIGN(auto w, permits::CompileWorkflow(tx, p.tenant, ps));
                services.emplace(key, std::make_pair(std::move(ps), std::move(w)));
            }
            const auto& [ps, w] = services.at(key);
            const permits::Step* s = permits::CurrentStep(ps.spec, c);
            if (!s) continue;
            const auto allowed = workflow::AllowedActions(w, cases::FactsOf(c), actor);
            const bool mine = std::any_of(allowed.begin(), allowed.end(), [](const std::string& a) {
                return a == "approve" || a == "return" || a == "reject";
            });
            if (!mine && p.role != "admin" && p.role != "auditor") continue;
            json::object row = Row(*names, c);
            row["stage_label"] = s->label;
            row["can_decide"] = mine;
            out.push_back(std::move(row));
            if (out.size() >= 100) break;
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"applications", std::move(out)}});
}

}  // namespace

void RegisterPermitRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/services", [&ctx](Request& req) { return ListCatalog(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/services/{service}",
               [&ctx](Request& req) { return ShowService(ctx, req); });
    router.Add("GET", "/api/v1/services/{service}/definition",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return Definition(ctx, req, p); }));
    router.Add("PUT", "/api/v1/services/{service}",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return PutService(ctx, req, p); }));
    router.Add("POST", "/api/v1/applications", Authed(ctx, {"citizen"}, [&ctx](Request& req, const Principal& p) {
                   return CreateApplication(ctx, req, p);
               }));
    router.Add("GET", "/api/v1/applications",
               Authed(ctx, {"verifier", "officer", "opd_head", "admin", "auditor"},
                      [&ctx](Request& req, const Principal& p) { return Queue(ctx, req, p); }));
    router.Add("GET", "/api/v1/me/applications", Authed(ctx, {"citizen"}, [&ctx](Request& req, const Principal& p) {
                   return MyApplications(ctx, req, p);
               }));
    router.Add("GET", "/api/v1/applications/{number}",
               Authed(ctx, {}, [&ctx](Request& req, const Principal& p) { return ShowApplication(ctx, req, p); }));
    router.Add(
        "PUT", "/api/v1/applications/{number}",
        Authed(ctx, {"citizen"}, [&ctx](Request& req, const Principal& p) { return UpdateApplication(ctx, req, p); }));
    router.Add("POST", "/api/v1/applications/{number}/decision",
               Authed(ctx, {"verifier", "officer", "opd_head", "admin"},
                      [&ctx](Request& req, const Principal& p) { return Decide(ctx, req, p); }));
}

}  // namespace satupintu::api
