// Complaints: the citizen's filing and tracking, the officer console's queue and case steps,
// the public list and per-OPD performance. Thin: parse, call the case engine, format.
#include <algorithm>
#include <cmath>
#include <map>

#include "api/api.hpp"
#include "api/case_context.hpp"
#include "cases/cases.hpp"
#include "cases/classes.hpp"
#include "cases/followers.hpp"
#include "cases/sla.hpp"
#include "core/ids.hpp"
#include "core/problems.hpp"
#include "identity/phone_codes.hpp"
#include "identity/users.hpp"
#include "notify/outbox.hpp"
#include "region/opds.hpp"
#include "region/wilayah.hpp"
#include "sla/region_sweep.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

std::optional<double> Number(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_double()) return v->as_double();
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    return std::nullopt;
}

std::optional<double> QueryNumber(const Request& req, std::string_view key) {
    const auto text = req.Query(key);
    if (!text || text->empty() || text->size() > 32) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (end != text->c_str() + text->size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool BoolField(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

// Deadline facts for a case, relative to today.
void AddClock(json::object& o, const cases::Case& c, const region::TenantCalendar& t, int64_t now_ms) {
    const auto today = *ParseDate(CivilDate(now_ms, t.tenant.tz_offset_minutes));
    if (c.stage_due && !c.paused_since) {
        const auto due = *ParseDate(*c.stage_due);
        o["overdue"] = cases::Overdue(due, today);
        o["working_days_left"] = cases::WorkingDaysLeft(t.calendar, due, today);
    } else {
        o["overdue"] = false;
        o["working_days_left"] = nullptr;
    }
}

json::array TimelineArray(const std::vector<cases::TimelineEntry>& entries, bool for_public, int tz) {
    json::array out;
    for (const auto& e : entries) {
        // The public follows the case's steps, not the office's housekeeping.
        if (for_public &&
            (e.action == "assign" || e.action == "comment" || e.action == "escalate" || e.action == "rate"))
            continue;
        out.push_back(cases::TimelineJson(e, for_public, tz));
    }
    return out;
}

// A case, its timeline and how many citizens said it hits them too, read in one transaction.
Status ReadCase(ApiContext& ctx, const store::TenantId& tenant, const std::string& number,
                std::optional<cases::Case>& c, std::vector<cases::TimelineEntry>& timeline,
                cases::Following& following) {
    return ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(c, cases::FindCase(tx, tenant, number));
        if (c) {
            SP_ASSIGN(timeline, cases::Timeline(tx, tenant, c->id));
            SP_ASSIGN(following, cases::FollowingOf(tx, tenant, c->id, ""));
        }
        return Status::Ok();
    });
}

// Those who handle cases (and may reach a reporter or find a person's reports), as against
// oversight roles that see cases without the people behind them.
bool HandlesCases(const Principal& p) {
    return p.role == "verifier" || p.role == "officer" || p.role == "opd_head" || p.role == "admin";
}

Result<std::shared_ptr<const Names>> LoadNames(ApiContext& ctx, const store::TenantId& tenant) {
    return ctx.names.Get(ctx.store, tenant, ctx.clock.NowMs());
}

json::object CategoryJson(const catalog::Service& s, const std::optional<region::Opd>& opd) {
    json::object o = catalog::DefinitionJson(s);
    o["code"] = s.code;
    o["name"] = s.name;
    o["version"] = s.version;
    o["opd"] = opd ? json::value{{"id", opd->id}, {"code", opd->code}, {"name", opd->name}} : json::value(nullptr);
    return o;
}

Response Categories(ApiContext& ctx, Request& req) {
    const store::TenantId tenant(req.Param("code"));
    json::array out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto t, region::FindTenant(tx, tenant.code()));
        if (!t) return Err(Errc::kNotFound, "no such region");
        SP_ASSIGN(auto services, catalog::ListServices(tx, tenant, "complaint"));
        for (const auto& s : services) {
            SP_ASSIGN(auto opd, region::GetOpd(tx, tenant, s.opd_id));
            out.push_back(CategoryJson(s, opd));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    Response r = Json(200, {{"region", tenant.code()}, {"categories", std::move(out)}});
    r.Set("cache-control", "public, max-age=60");
    return r;
}

Response PutCategory(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto saved = PutServiceFromBody(ctx, *body, "complaint", p);
    if (!saved) return Fail(req, saved.error());
    ctx.names.Invalidate(p.tenant.code());
    return Json(200, CategoryJson(*saved, std::nullopt));
}

Response Locate(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    const auto lat = QueryNumber(req, "lat");
    const auto lng = QueryNumber(req, "long");
    if (!lat || !lng) return Fail(req, Invalid("lat", "input.point_needed"));
    json::object out{{"region", code}};
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto t, region::FindTenant(tx, code));
        if (!t) return Err(Errc::kNotFound, "no such region");
        const auto k = ctx.geo.Locate(code, {*lat, *lng});
        if (!k) return Invalid("lat", "input.point_outside");
        SP_ASSIGN(auto kec, region::FindRegion(tx, *k));
        SP_ASSIGN(auto desa, region::Children(tx, *k));
        out["kecamatan_code"] = *k;
        out["kecamatan_name"] = kec ? kec->name : "";
        json::array villages;
        for (const auto& d : desa) villages.push_back({{"code", d.code}, {"name", d.name}});
        out["desa"] = std::move(villages);
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, out);
}

// The region's kecamatan boundaries, for maps drawn without a tile server.
Response Boundaries(ApiContext& ctx, Request& req) {
    const std::string* geojson = ctx.geo.GeoJson(req.Param("code"));
    if (!geojson) return Fail(req, Err(Errc::kNotFound, "no boundaries for this region"));
    Response r = Response::Text(200, *geojson, "application/geo+json");
    r.Set("cache-control", "public, max-age=86400");
    return r;
}

// What the maps draw under the outlines: a tile server, when the deployment has one.
Response MapSettings(ApiContext& ctx) {
    json::object out{{"tiles", nullptr}};
    if (!ctx.tile_url.empty()) out["tiles"] = {{"url", ctx.tile_url}, {"attribution", ctx.tile_attribution}};
    Response r = Json(200, out);
    r.Set("cache-control", "public, max-age=3600");
    return r;
}

Response Nearby(ApiContext& ctx, Request& req) {
    const store::TenantId tenant(req.Param("code"));
    const auto lat = QueryNumber(req, "lat");
    const auto lng = QueryNumber(req, "long");
    const auto service = req.Query("service_code");
    if (!service) return Fail(req, Invalid("service_code", "input.required"));
    if (!lat || !lng) return Fail(req, Invalid("lat", "input.point_needed"));
    json::array out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto s, catalog::FindServiceByCode(tx, tenant, *service));
        if (!s || s->kind != "complaint") return Err(Errc::kNotFound, "no such complaint category");
        SP_ASSIGN(auto near, cases::Nearby(tx, tenant, *s, {*lat, *lng}));
        for (const auto& c : near) {
            out.push_back({{"number", c.number},
                           {"status", c.status},
                           {"description", c.description.substr(0, 160)},
                           {"distance_m", std::lround(region::DistanceMetres(*c.point, {*lat, *lng}))}});
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"nearby", std::move(out)}});
}

// The shape of a report; what it says is checked by cases::PrepareComplaint. Every problem at once.
Result<cases::NewComplaint> ParseComplaint(const json::object& body) {
    cases::NewComplaint in;
    Problems problems;
    auto code = RequiredString(body, "service_code", 40);
    if (problems.Check(code.status())) in.service_code = *code;
    in.report_class = OptionalString(body, "class").value_or("pengaduan");
    const auto* d = body.if_contains("description");
    if (!d || !d->is_string()) {
        problems.Add("description", "input.required");
    } else {
        in.description = std::string(d->as_string());
    }
    if (const auto* a = body.if_contains("attributes")) {
        if (!a->is_object()) {
            problems.Add("attributes", "input.attributes_object");
        } else {
            in.attributes = a->as_object();
        }
    }
    in.kecamatan_code = OptionalString(body, "kecamatan_code");
    in.desa_code = OptionalString(body, "desa_code");
    in.address = OptionalString(body, "address");
    const auto lat = Number(body, "lat"), lng = Number(body, "long");
    if (lat.has_value() != lng.has_value()) problems.Add("lat", "input.point_pair");
    if (lat && lng) in.point = region::GeoPoint{*lat, *lng};
    in.anonymous = BoolField(body, "anonymous");
    in.rahasia = BoolField(body, "rahasia");
    in.attachment_ids = StringList(body, "attachments");
    in.area_required = true;  // checked with the rest by cases::PrepareComplaint
    SP_TRY(problems.status());
    return in;
}

// The answer to a filing: the case with its clock, where to follow it, and its address. An
// anonymous report filed without an account also carries its access key, shown this once: the
// tracking link holds it in the fragment, which never reaches a server or its logs.
Response Filed(const cases::Case& filed, const region::TenantCalendar& calendar, int64_t now_ms,
               const std::optional<std::string>& access_key = std::nullopt) {
    const std::string& region = calendar.tenant.code;
    json::object out = cases::CaseJson(filed, false, calendar.tenant.tz_offset_minutes);
    AddClock(out, filed, calendar, now_ms);
    out["tracking_url"] = "/lacak/" + region + "/" + filed.number;
    if (access_key) {
        out["access_key"] = *access_key;
        out["tracking_url"] = "/lacak/" + region + "/" + filed.number + "#kunci=" + *access_key;
    }
    Response r = Json(201, out);
    r.Set("location", "/api/v1/regions/" + region + "/complaints/" + filed.number);
    return r;
}

// Validates and reads outside the writer, then hands the filing to the next group commit and
// answers once it is durable, holding no thread while it waits.
Response File(ApiContext& ctx, Request& req, const Principal& p) {
    if (p.role != "citizen") return Fail(req, Err(Errc::kForbidden, "complaints are filed by citizens"));
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto in = ParseComplaint(*body);
    if (!in) return Fail(req, in.error());
    in->reporter_id = p.user_id;
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    struct Filing {
        std::shared_ptr<const region::TenantCalendar> calendar;
        cases::Env env;
        std::optional<cases::PreparedComplaint> prepared;
        cases::Case filed;
    };
    auto f = std::make_shared<Filing>(Filing{*t, EnvOf(ctx, **t), std::nullopt, {}});
    // The category and the region's areas come from the per-process cache: no database read.
    auto names = LoadNames(ctx, p.tenant);
    if (!names) return Fail(req, names.error());
    const auto area = [&names](const std::string& code) -> Result<std::optional<region::Region>> {
        const auto it = (*names)->areas.find(code);
        if (it == (*names)->areas.end()) return std::optional<region::Region>();
        return std::optional<region::Region>(it->second);
    };
    auto prepared = cases::PrepareComplaint((*names)->Category(in->service_code), area, p.tenant, *in, f->env);
    if (!prepared) return Fail(req, prepared.error());
    f->prepared = std::move(*prepared);
    auto pending = std::make_shared<http::Pending>();
    ctx.store.WriteAsync(
        [f, tenant = p.tenant, actor = ActorOf(p)](store::WriteTx& tx) -> Status {
            SP_ASSIGN(f->filed, cases::FilePrepared(tx, tenant, *f->prepared, f->env, actor));
            return Status::Ok();
        },
        [&req, f, pending](Status st) {
            pending->Resolve([&req, f, st = std::move(st)] {
                if (!st) return Fail(req, st.error());
                return Filed(f->filed, *f->calendar, f->env.now_ms);
            });
        });
    return Response::Later(std::move(pending));
}

// A one-time code to the phone of someone about to file without an account. The same answer
// whatever the number (one code a minute per phone at most).
Response SendFilingCode(ApiContext& ctx, Request& req) {
    const store::TenantId tenant(req.Param("code"));
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto cal = ctx.calendars.Get(ctx.store, tenant.code(), ctx.clock.NowMs());
    if (!cal) return Fail(req, cal.error());
    Problems problems;
    const auto typed = RequiredString(*body, "phone", 30);
    std::optional<std::string> phone;
    if (problems.Check(typed.status())) {
        auto normal = identity::NormalizePhone(*typed);
        if (problems.Check(normal.status())) phone = *normal;
    }
    const std::string channel = OptionalString(*body, "channel").value_or("sms");
    problems.Check(identity::CheckCodeChannel(channel));
    if (!problems.empty()) return Fail(req, problems.status().error());
    auto st = ctx.store.Write([&](store::WriteTx& tx) {
        return identity::SendPhoneCode(tx, tenant, *phone, identity::CodePurpose::kFile, channel, req.lang(),
                                       ctx.clock.NowMs());
    });
    if (!st) return Fail(req, st.error());
    return Json(202, {{"status", "code_sent"}, {"phone", *phone}, {"channel", channel}});
}

// Filing without an account, where the category allows it: the reporter's name and a phone
// proven by the code just sent to it (status updates go there); or, for a category that takes
// rahasia reports, fully anonymous and rahasia, with no contact at all. No photos: an upload
// needs an account (the quota is per person).
Response FileAsGuest(ApiContext& ctx, Request& req) {
    const store::TenantId tenant(req.Param("code"));
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto t = ctx.calendars.Get(ctx.store, tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    auto names = LoadNames(ctx, tenant);
    if (!names) return Fail(req, names.error());
    Problems problems;
    auto parsed = ParseComplaint(*body);
    if (!problems.Check(parsed.status())) return Fail(req, problems.status().error());
    cases::NewComplaint in = std::move(*parsed);
    if (!in.attachment_ids.empty()) problems.Add("attachments", "input.guest_photos");
    const catalog::Service* category = (*names)->Category(in.service_code);
    std::optional<std::string> code;
    if (const auto* r = body->if_contains("reporter")) {
        // By a proven phone: named, and reachable by the officers.
        const json::object empty;
        const json::object& who = r->is_object() ? r->as_object() : empty;
        const auto name = OptionalString(who, "name");
        if (!name || name->empty() || name->size() > 200) problems.Add("reporter.name", "input.name");
        in.contact.name = name;
        const auto typed = OptionalString(who, "phone");
        auto phone = identity::NormalizePhone(typed.value_or(""));
        if (!phone) {
            problems.Add("reporter.phone", "input.phone_id");
        } else {
            in.contact.phone = *phone;
        }
        const std::string channel = OptionalString(who, "channel").value_or("sms");
        if (identity::CheckCodeChannel(channel))
            in.contact.channel = channel;
        else
            problems.Add("reporter.channel", "input.code_channel");
        code = OptionalString(who, "code");
        if (!code || !identity::IsCodeShape(*code)) problems.Add("reporter.code", "input.code_shape");
        // Anonymous stays as chosen: the officers then do not see the name or number, though
        // the status texts still reach the phone.
        if (category && !category->guest_filing) problems.Add("service_code", "input.guest_not_allowed");
    } else if (!(in.anonymous && in.rahasia)) {
        // Without any contact only a rahasia report, which nobody could otherwise answer.
        problems.Add("reporter", "input.guest_reporter");
    }
    // An anonymous rahasia report is followed by the key its reporter keeps (shown once).
    std::optional<std::string> access_key;
    if (!code) {
        access_key = cases::NewAccessKey();
        in.contact.access_key_hash = cases::AccessKeyHash(*access_key);
    }
    const cases::Env env = EnvOf(ctx, **t);
    auto prepared = cases::PrepareComplaint(
        category,
        [&names](const std::string& area) {
            const auto it = (*names)->areas.find(area);
            return Result<std::optional<region::Region>>(it == (*names)->areas.end() ? std::optional<region::Region>()
                                                                                     : std::optional(it->second));
        },
        tenant, in, env);
    problems.Check(prepared.status());
    if (!problems.empty()) return Fail(req, problems.status().error());

    const cases::Actor actor{"public", "public", "", std::nullopt, false};
    bool proven = !code;
    cases::Case filed;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        if (code) {
            // A wrong code is counted (this transaction commits) and files nothing.
            SP_ASSIGN(proven, identity::TakePhoneCode(tx, tenant, *in.contact.phone, identity::CodePurpose::kFile,
                                                      *code, env.now_ms));
            if (!proven) return Status::Ok();
        }
        SP_ASSIGN(filed, cases::FilePrepared(tx, tenant, *prepared, env, actor));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!proven) return Fail(req, Invalid("reporter.code", "input.code_wrong"));
    return Filed(filed, **t, env.now_ms, access_key);
}

// Public tracking: no personal data; a rahasia case is visible only to its reporter and staff.
Response Track(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    auto t = ctx.calendars.Get(ctx.store, code, ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    const store::TenantId tenant(code);
    const int tz = (*t)->tenant.tz_offset_minutes;
    return ServePublic(ctx, req, tenant, tz, [&]() -> Response {
        std::optional<cases::Case> c;
        std::vector<cases::TimelineEntry> entries;
        cases::Following following;
        auto st = ReadCase(ctx, tenant, req.Param("number"), c, entries, following);
        if (!st) return Fail(req, st.error());
        if (!c) return Fail(req, Err(Errc::kNotFound));
        bool privileged = false;
        if (c->rahasia) {
            auto who = Authenticate(ctx, req);
            privileged = who && *who && (*who)->tenant == tenant && cases::CanSee(*c, ActorOf(**who));
            // Or the key of an anonymous report filed without an account, in a header (never in
            // the address, which logs keep).
            const std::string key(req.Header("x-access-key"));
            if (!privileged && !key.empty()) {
                auto held = ctx.store.Read([&](store::ReadTx& tx) -> Status {
                    SP_ASSIGN(privileged, cases::HoldsAccessKey(tx, tenant, c->id, key));
                    return Status::Ok();
                });
                if (!held) return Fail(req, held.error());
            }
            if (!privileged) return Fail(req, Err(Errc::kNotFound));
        }
        json::object out = cases::CaseJson(*c, true, tz);
        AddClock(out, *c, **t, ctx.clock.NowMs());
        out["also_affected"] = following.affected_count;  // "saya juga mengalami ini"
        auto names = LoadNames(ctx, tenant);
        if (!names) return Fail(req, names.error());
        (*names)->Add(out, *c);
        out["timeline"] = TimelineArray(entries, true, tz);
        Response r = Json(200, out);
        r.Set("cache-control", privileged ? "private, no-store" : "public, max-age=5");
        return r;
    });
}

// "Saya juga mengalami ini" (POST with {"affected": true}), following a case's updates (POST),
// and no longer following it (DELETE): a citizen of the case's region, on an open complaint the
// public may see (a rahasia one only by its reporter). Answers what the person now sees.
Response FollowCase(ApiContext& ctx, Request& req, const Principal& p, bool follow) {
    bool affected = false;
    if (follow && !req.body.empty()) {
        auto body = JsonBody(req);
        if (!body) return Fail(req, body.error());
        affected = BoolField(*body, "affected");
    }
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    const cases::Env env = EnvOf(ctx, **t);
    const cases::Actor actor = ActorOf(p);
    cases::Following state;
    std::string number;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto c, cases::FindCase(tx, p.tenant, req.Param("number")));
        if (!c || (c->rahasia && !cases::CanSee(*c, actor))) return Err(Errc::kNotFound);
        SP_ASSIGN(auto service, catalog::FindServiceVersion(tx, p.tenant, c->service_id, c->service_version));
        if (!service || service->kind != "complaint") return Err(Errc::kNotFound);
        if (follow && !c->is_open) return Invalid("number", "input.case_closed");
        const cases::Moment at = cases::MomentOf(env);
        SP_TRY(follow ? cases::Follow(tx, p.tenant, at, *c, actor, affected)
                      : cases::Unfollow(tx, p.tenant, at, *c, actor));
        SP_ASSIGN(state, cases::FollowingOf(tx, p.tenant, c->id, p.user_id));
        number = c->number;
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"number", number},
                      {"following", state.following},
                      {"affected", state.affected},
                      {"also_affected", state.affected_count}});
}

Response PublicList(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    auto t = ctx.calendars.Get(ctx.store, code, ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    cases::PublicFilter f;
    f.status = req.Query("status").value_or("");
    if (f.status != "" && f.status != "open" && f.status != "closed")
        return Fail(req, Invalid("status", "input.status_open_closed"));
    const auto page = QueryNumber(req, "page").value_or(1);
    if (page < 1 || page > 1000) return Fail(req, Invalid("page", "input.page"));
    f.limit = 50;
    f.offset = static_cast<int>(page - 1) * f.limit;
    std::vector<cases::Case> list;
    auto names = LoadNames(ctx, store::TenantId(code));
    if (!names) return Fail(req, names.error());
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(list, cases::PublicCases(tx, store::TenantId(code), f));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& c : list) {
        json::object o = cases::CaseJson(c, true, (*t)->tenant.tz_offset_minutes);
        AddClock(o, c, **t, ctx.clock.NowMs());
        (*names)->Add(o, c);
        out.push_back(std::move(o));
    }
    Response r = Json(200, {{"region", code}, {"page", static_cast<int>(page)}, {"complaints", std::move(out)}});
    r.Set("cache-control", "public, max-age=10");
    return r;
}

Response PerformanceView(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    auto t = ctx.calendars.Get(ctx.store, code, ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    const std::string today = CivilDate(ctx.clock.NowMs(), (*t)->tenant.tz_offset_minutes);
    json::array out;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto rows, cases::Performance(tx, store::TenantId(code)));
        for (const auto& p : rows) {
            SP_ASSIGN(auto opd, region::GetOpd(tx, store::TenantId(code), p.opd_id));
            out.push_back({{"opd_id", p.opd_id},
                           {"opd_name", opd ? opd->name : ""},
                           {"received", p.received},
                           {"closed", p.closed},
                           {"closed_on_time", p.closed_on_time},
                           {"open_overdue", p.open_overdue},
                           {"on_time_rate", p.OnTimeRate()}});
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"region", code},
                      {"date", today},
                      {"rule", "tepat waktu / (selesai + terbuka melewati batas waktu)"},
                      {"opds", std::move(out)}});
}

Response Mine(ApiContext& ctx, Request& req, const Principal& p) {
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    std::vector<cases::Case> list;
    auto names = LoadNames(ctx, p.tenant);
    if (!names) return Fail(req, names.error());
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(list, cases::CasesOfReporter(tx, p.tenant, p.user_id));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& c : list) {
        json::object o = cases::CaseJson(c, false, (*t)->tenant.tz_offset_minutes);
        AddClock(o, c, **t, ctx.clock.NowMs());
        (*names)->Add(o, c);
        out.push_back(std::move(o));
    }
    return Json(200, {{"complaints", std::move(out)}});
}

Response QueueView(ApiContext& ctx, Request& req, const Principal& p) {
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    cases::QueueFilter f;
    f.today = CivilDate(ctx.clock.NowMs(), (*t)->tenant.tz_offset_minutes);
    f.status = req.Query("status").value_or("");
    if (!f.status.empty() && f.status != "all" && !cases::IsKnownStatus(f.status))
        return Fail(req, Invalid("status", "input.status_unknown"));
    f.kecamatan_code = req.Query("kecamatan").value_or("");
    f.overdue_only = req.Query("overdue").value_or("") == "1";
    f.query = req.Query("q").value_or("");
    f.after = req.Query("after").value_or("");
    if (f.query.size() > 200 || !IsValidUtf8(f.query))
        return Fail(req, Invalid("q", "input.too_long", {{"max", "200"}}));
    // A tracking number in the search box finds that case (if this account may see it). Those who
    // handle cases may also find a person's reports by NIK or phone number (not the anonymous ones).
    if (auto number = ParseTrackingNumber(f.query)) f.number = std::move(*number), f.query.clear();
    std::optional<std::string> nik, phone;
    if (HandlesCases(p) && f.number.empty()) {
        if (f.query.size() == 16 && f.query.find_first_not_of("0123456789") == std::string::npos) {
            nik = f.query;
        } else if (f.query.find_first_not_of("0123456789 +-") == std::string::npos && f.query.size() >= 10) {
            if (auto normal = identity::NormalizePhone(f.query)) phone = *normal;
        }
    }
    // An OPD's own staff see its queue; region-wide roles may pick an OPD.
    if (p.role == "officer" || p.role == "opd_head") {
        f.opd_id = p.opd_id;
    } else if (const auto opd = req.Query("opd"); opd && !opd->empty()) {
        f.opd_id = *opd;
    }
    cases::QueuePage page;
    auto names = LoadNames(ctx, p.tenant);
    if (!names) return Fail(req, names.error());
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        if (const auto code = req.Query("service_code"); code && !code->empty()) {
            SP_ASSIGN(auto s, catalog::FindServiceByCode(tx, p.tenant, *code));
            if (!s) return Invalid("service_code", "input.category_unknown");
            f.service_id = s->id;
        }
        if (nik || phone) {
            std::optional<std::string> who;
            if (nik) {
                SP_ASSIGN(who, identity::FindUserIdByNik(tx, p.tenant, ctx.vault, *nik));
            } else {
                SP_ASSIGN(auto login, identity::FindLogin(tx, p.tenant, *phone));
                if (login && login->role == "citizen") who = login->id;
            }
            if (!who) return Status::Ok();  // nobody with that NIK or number: nothing found
            f.reporter_id = *who;
            f.query.clear();
        }
        SP_ASSIGN(page, cases::Queue(tx, p.tenant, f));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    for (const auto& c : page.cases) {
        json::object o = cases::CaseJson(c, false, (*t)->tenant.tz_offset_minutes);
        AddClock(o, c, **t, ctx.clock.NowMs());
        (*names)->Add(o, c);
        out.push_back(std::move(o));
    }
    return Json(
        200, {{"cases", std::move(out)}, {"next", page.next.empty() ? json::value(nullptr) : json::value(page.next)}});
}

json::array ActionsJson(const std::vector<std::string>& actions) {
    json::array out;
    for (const auto& a : actions) out.emplace_back(a);
    return out;
}

// A case of any class but permits, as its staff and its reporter see it, with the steps the
// caller may take now (from the case's workflow: pages keep no state machine of their own).
Response CaseView(ApiContext& ctx, Request& req, const Principal& p) {
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    std::optional<cases::Case> c;
    std::vector<cases::TimelineEntry> entries;
    cases::Access access;
    cases::Following following;
    std::optional<identity::User> reporter;
    std::optional<cases::Contact> contact;  // a reporter without an account
    // Those who handle a case may call or write its reporter (not an anonymous one); oversight
    // roles see the case without the person's contact.
    const bool handles = HandlesCases(p);
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(c, cases::FindCase(tx, p.tenant, req.Param("number")));
        if (!c) return Status::Ok();
        SP_ASSIGN(access, cases::AccessTo(tx, p.tenant, *c, ActorOf(p)));
        if (access.visible) {
            SP_ASSIGN(entries, cases::Timeline(tx, p.tenant, c->id));
            SP_ASSIGN(following, cases::FollowingOf(tx, p.tenant, c->id, ""));
            if (handles && !c->anonymous && c->reporter_id && *c->reporter_id != p.user_id) {
                SP_ASSIGN(reporter, identity::GetUser(tx, p.tenant, ctx.vault, *c->reporter_id));
            }
            if (handles && !c->anonymous && !c->reporter_id) {
                SP_ASSIGN(contact, cases::ContactOf(tx, p.tenant, c->id));
            }
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!c || !access.visible) return Fail(req, Err(Errc::kNotFound));
    const int tz = (*t)->tenant.tz_offset_minutes;
    json::object out = cases::CaseJson(*c, false, tz);
    AddClock(out, *c, **t, ctx.clock.NowMs());
    auto names = LoadNames(ctx, p.tenant);
    if (!names) return Fail(req, names.error());
    (*names)->Add(out, *c);
    out["timeline"] = TimelineArray(entries, false, tz);
    out["actions"] = ActionsJson(access.actions);
    out["also_affected"] = following.affected_count;  // citizens who said the problem hits them too
    if (reporter) {
        json::object contact{{"name", reporter->name}};
        if (reporter->phone) contact["phone"] = *reporter->phone;
        if (reporter->email) contact["email"] = *reporter->email;
        out["reporter_contact"] = std::move(contact);
    } else if (contact) {
        json::object o{{"name", contact->name.value_or("")}};
        if (contact->phone) o["phone"] = *contact->phone;
        if (contact->email) o["email"] = *contact->email;
        o["phone_verified"] = contact->channel.has_value();  // proven by a one-time code
        out["reporter_contact"] = std::move(o);
    }
    return Json(200, out);
}

Result<cases::Action> ParseAction(const json::object& body) {
    cases::Action a;
    SP_ASSIGN(a.name, RequiredString(body, "action", 40));
    if (const auto* n = body.if_contains("note")) {
        if (!n->is_string()) return Invalid("note", "input.text");
        a.note = std::string(n->as_string());
    }
    a.reason = OptionalString(body, "reason");
    a.opd_id = OptionalString(body, "opd_id");
    a.assignee_id = OptionalString(body, "assignee_id");
    a.target_number = OptionalString(body, "target_number");
    if (const auto* r = body.if_contains("rating")) {
        if (!r->is_int64()) return Invalid("rating", "input.rating");
        a.rating = static_cast<int>(r->as_int64());
    }
    if (const auto* ikm = body.if_contains("ikm")) {
        if (!ikm->is_object()) return Invalid("ikm", "input.ikm");
        a.ikm = ikm->as_object();
    }
    a.attachment_ids = StringList(body, "attachments");
    return a;
}

Response ActOn(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto action = ParseAction(*body);
    if (!action) return Fail(req, action.error());
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    const auto env = EnvOf(ctx, **t);
    cases::Case after;
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(after, cases::Act(tx, p.tenant, req.Param("number"), *action, env, ActorOf(p)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::object out = cases::CaseJson(after, false, (*t)->tenant.tz_offset_minutes);
    AddClock(out, after, **t, env.now_ms);
    cases::Access access;
    st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(access, cases::AccessTo(tx, p.tenant, after, ActorOf(p)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    out["actions"] = ActionsJson(access.actions);
    return Json(200, out);
}

Response BulkAssign(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    const auto numbers = StringList(*body, "numbers");
    auto assignee = RequiredString(*body, "assignee_id", 40);
    if (!assignee) return Fail(req, assignee.error());
    if (numbers.empty() || numbers.size() > 100) return Fail(req, Invalid("numbers", "input.bulk_numbers"));
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    const auto env = EnvOf(ctx, **t);
    cases::Action a;
    a.name = "assign";
    a.assignee_id = *assignee;
    // All or nothing: one refused case leaves every case as it was.
    auto st = ctx.store.Write([&](store::WriteTx& tx) -> Status {
        for (const auto& n : numbers) {
            auto r = cases::Act(tx, p.tenant, n, a, env, ActorOf(p));
            if (!r) return Err(r.error().code, n + ": " + r.error().detail, r.error().field);
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    return Json(200, {{"assigned", static_cast<int64_t>(numbers.size())}});
}

Response UploadFile(ApiContext& ctx, Request& req, const Principal& p) {
    auto a = files::Upload(ctx.store, ctx.files, p.tenant, req.body, p.Actor(), ctx.clock.NowMs(), ctx.upload_quota);
    if (!a) return Fail(req, a.error());
    return Json(201, {{"id", a->id}, {"media_type", a->media_type}, {"bytes", a->bytes}, {"sha256", a->sha256}});
}

// An attachment: to staff and the reporter who may see its case (and its uploader before it is
// linked); to the public only images of non-rahasia cases.
Response DownloadFile(ApiContext& ctx, Request& req) {
    const std::string code = req.Param("code");
    const store::TenantId tenant(code);
    std::optional<files::Attachment> a;
    std::optional<cases::Case> c;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(a, files::FindAttachment(tx, tenant, req.Param("id")));
        if (a && a->case_id) {
            SP_ASSIGN(c, cases::FindCaseById(tx, tenant, *a->case_id));
        }
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!a) return Fail(req, Err(Errc::kNotFound));
    bool allowed = c && !c->rahasia && a->media_type != "application/pdf";
    if (!allowed) {
        auto who = Authenticate(ctx, req);
        if (who && *who && (*who)->tenant == tenant) {
            allowed = c ? cases::CanSee(*c, ActorOf(**who)) : a->uploaded_by == (*who)->Actor();
        }
    }
    if (!allowed) return Fail(req, Err(Errc::kNotFound));
    auto bytes = ctx.files.Get(a->sha256);
    if (!bytes) return Fail(req, bytes.error());
    Response r = Response::Text(200, std::move(*bytes), a->media_type);
    r.Set("cache-control", "private, max-age=3600");
    // Photos show in the page; anything else (PDF) is saved, never rendered on this origin, and
    // whatever the file holds runs in a sandbox with no scripts.
    const bool image = a->media_type.rfind("image/", 0) == 0;
    r.Set("content-disposition", image ? "inline" : "attachment");
    r.Set("content-security-policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    return r;
}

Response Sweep(ApiContext& ctx, Request& req, const Principal& p) {
    auto t = ctx.calendars.Get(ctx.store, p.tenant.code(), ctx.clock.NowMs());
    if (!t) return Fail(req, t.error());
    auto swept = sla::SweepRegion({ctx.store, ctx.files, ctx.vault, ctx.geo, ctx.public_url, ctx.clock.NowMs()}, **t);
    if (!swept) return Fail(req, swept.error());
    return Json(200, {{"changed", swept->changed}, {"permits_approved", swept->permits_approved}});
}

Response OpdStaff(ApiContext& ctx, Request& req, const Principal& p) {
    const std::string opd = req.Param("id");
    if ((p.role == "opd_head" || p.role == "officer") && p.opd_id != opd) return Fail(req, Err(Errc::kNotFound));
    json::array out;
    bool found = false;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto known, region::GetOpd(tx, p.tenant, opd));
        if (!(found = known.has_value())) return Status::Ok();
        SP_ASSIGN(auto staff, identity::ListOpdStaff(tx, p.tenant, opd));
        for (const auto& s : staff) out.push_back({{"id", s.id}, {"name", s.name}, {"role", s.role}});
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    if (!found) return Fail(req, Err(Errc::kNotFound));  // not an OPD of the caller's region
    return Json(200, {{"staff", std::move(out)}});
}

Response AddWebhook(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto url = RequiredString(*body, "url", 500);
    auto secret = RequiredString(*body, "secret", 64);
    if (!url) return Fail(req, url.error());
    if (!secret) return Fail(req, secret.error());
    auto st = ctx.store.Write([&](store::WriteTx& tx) {
        return notify::AddWebhook(tx, p.tenant, *url, *secret, ctx.clock.NowMs(), p.Actor());
    });
    if (!st) return Fail(req, st.error());
    return Json(201, {{"url", *url}});
}

}  // namespace

void RegisterComplaintRoutes(http::Router& router, ApiContext& ctx) {
    const std::vector<std::string> staff = {"admin", "verifier", "opd_head", "officer", "auditor", "executive"};
    router.Add("GET", "/api/v1/regions/{code}/complaint-categories", [&ctx](Request& r) { return Categories(ctx, r); });
    router.Add("GET", "/api/v1/regions/{code}/locate", [&ctx](Request& r) { return Locate(ctx, r); });
    router.Add("GET", "/api/v1/regions/{code}/boundaries", [&ctx](Request& r) { return Boundaries(ctx, r); });
    router.Add(
        "GET", "/api/v1/map", [&ctx](Request&) { return MapSettings(ctx); }, http::Run::kInline);
    router.Add("GET", "/api/v1/regions/{code}/complaints/nearby", [&ctx](Request& r) { return Nearby(ctx, r); });
    router.Add("GET", "/api/v1/regions/{code}/complaints", [&ctx](Request& r) { return PublicList(ctx, r); });
    router.Add("POST", "/api/v1/regions/{code}/complaints", [&ctx](Request& r) { return FileAsGuest(ctx, r); });
    router.Add("POST", "/api/v1/regions/{code}/complaints/phone-code",
               [&ctx](Request& r) { return SendFilingCode(ctx, r); });
    router.Add(
        "GET", "/api/v1/regions/{code}/complaints/{number}", [&ctx](Request& r) { return Track(ctx, r); },
        PublicReadRun(ctx));
    router.Add("GET", "/api/v1/regions/{code}/performance", [&ctx](Request& r) { return PerformanceView(ctx, r); });
    router.Add("GET", "/api/v1/regions/{code}/attachments/{id}", [&ctx](Request& r) { return DownloadFile(ctx, r); });
    router.Add("PUT", "/api/v1/complaint-categories",
               Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) { return PutCategory(ctx, r, p); }));
    router.Add("POST", "/api/v1/complaints",
               Authed(ctx, {"citizen"}, [&ctx](Request& r, const Principal& p) { return File(ctx, r, p); }),
               QuickOnSqlite(ctx));
    router.Add("POST", "/api/v1/complaints/{number}/followers",
               Authed(ctx, {"citizen"},
                      [&ctx](Request& r, const Principal& p) { return FollowCase(ctx, r, p, /*follow=*/true); }));
    router.Add("DELETE", "/api/v1/complaints/{number}/followers",
               Authed(ctx, {"citizen"},
                      [&ctx](Request& r, const Principal& p) { return FollowCase(ctx, r, p, /*follow=*/false); }));
    router.Add("GET", "/api/v1/me/complaints",
               Authed(ctx, {"citizen"}, [&ctx](Request& r, const Principal& p) { return Mine(ctx, r, p); }));
    router.Add("POST", "/api/v1/attachments",
               Authed(ctx, {}, [&ctx](Request& r, const Principal& p) { return UploadFile(ctx, r, p); }));
    router.Add("GET", "/api/v1/cases",
               Authed(ctx, staff, [&ctx](Request& r, const Principal& p) { return QueueView(ctx, r, p); }));
    router.Add("GET", "/api/v1/cases/{number}",
               Authed(ctx, {}, [&ctx](Request& r, const Principal& p) { return CaseView(ctx, r, p); }));
    router.Add("POST", "/api/v1/cases/{number}/actions",
               Authed(ctx, {}, [&ctx](Request& r, const Principal& p) { return ActOn(ctx, r, p); }));
    router.Add(
        "POST", "/api/v1/cases/bulk-assign",
        Authed(ctx, {"admin", "opd_head"}, [&ctx](Request& r, const Principal& p) { return BulkAssign(ctx, r, p); }));
    router.Add("GET", "/api/v1/opds/{id}/staff",
               Authed(ctx, {"admin", "verifier", "opd_head", "officer"},
                      [&ctx](Request& r, const Principal& p) { return OpdStaff(ctx, r, p); }));
    router.Add("POST", "/api/v1/webhooks",
               Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) { return AddWebhook(ctx, r, p); }));
    router.Add("POST", "/api/v1/sla/sweep",
               Authed(ctx, {"admin"}, [&ctx](Request& r, const Principal& p) { return Sweep(ctx, r, p); }));
}

}  // namespace satupintu::api
