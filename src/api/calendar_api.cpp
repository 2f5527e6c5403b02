// Working-day calendars: the public deadline calculator and a region admin's own calendar days.
#include "api/api.hpp"
#include "core/problems.hpp"
#include "region/calendar.hpp"
#include "region/tenants.hpp"

namespace satupintu::api {

using http::Request;
using http::Response;
using identity::Principal;

namespace {

constexpr int kMaxWorkingDays = 400;

// The tenant named in the path and its calendar.
Result<region::WorkingDayCalendar> CalendarOf(ApiContext& ctx, const std::string& code) {
    std::optional<region::WorkingDayCalendar> cal;
    SP_TRY(ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, code));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        SP_ASSIGN(auto loaded, region::LoadCalendar(tx, store::TenantId(code)));
        cal.emplace(std::move(loaded));
        return Status::Ok();
    }));
    return std::move(*cal);
}

Response Deadline(ApiContext& ctx, Request& req) {
    const auto start_text = req.Query("start");
    const auto n_text = req.Query("working_days");
    const auto start = start_text ? region::ParseDate(*start_text) : std::nullopt;
    if (!start) return Fail(req, Invalid("start", "input.date"));
    int n = -1;
    if (n_text && !n_text->empty() && n_text->size() <= 4 &&
        n_text->find_first_not_of("0123456789") == std::string::npos) {
        n = std::stoi(*n_text);
    }
    if (n < 0 || n > kMaxWorkingDays) {
        return Fail(req, Err(Errc::kInvalidInput, "working_days must be 0..400", "working_days"));
    }
    auto cal = CalendarOf(ctx, req.Param("code"));
    if (!cal) return Fail(req, cal.error());
    const region::Date deadline = cal->AddWorkingDays(*start, n);
    json::array skipped;
    for (region::Date d = *start + std::chrono::days{1}; d <= deadline; d += std::chrono::days{1}) {
        if (auto why = cal->Reason(d); !why.empty())
            skipped.push_back({{"date", region::FormatDate(d)}, {"reason", why}});
    }
    Response r = Json(200, {{"region", req.Param("code")},
                            {"start", region::FormatDate(*start)},
                            {"working_days", n},
                            {"deadline", region::FormatDate(deadline)},
                            {"skipped", std::move(skipped)},
                            {"rule",
                             "Hari kerja: Senin-Jumat, bukan libur nasional, cuti bersama, atau libur daerah; "
                             "dihitung mulai hari berikutnya."}});
    r.Set("cache-control", "public, max-age=300");
    return r;
}

Response YearDays(ApiContext& ctx, Request& req) {
    const std::string year = req.Query("year").value_or("");
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
        return Fail(req, Invalid("year", "input.year"));
    }
    std::vector<region::CalendarDay> own;
    auto st = ctx.store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, region::FindTenant(tx, req.Param("code")));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        SP_ASSIGN(own, region::TenantDays(tx, store::TenantId(tenant->code)));
        return Status::Ok();
    });
    if (!st) return Fail(req, st.error());
    json::array out;
    auto add = [&](const region::CalendarDay& d, const char* source) {
        const std::string date = region::FormatDate(d.date);
        if (date.rfind(year, 0) != 0) return;
        out.push_back({{"date", date}, {"kind", region::DayKindName(d.kind)}, {"name", d.name}, {"source", source}});
    };
    for (const auto& d : region::NationalDays()) add(d, "national");
    for (const auto& d : own) add(d, "region");
    return Json(200, {{"region", req.Param("code")}, {"year", year}, {"days", std::move(out)}});
}

Response SetDay(ApiContext& ctx, Request& req, const Principal& p) {
    const auto date = region::ParseDate(req.Param("date"));
    if (!date) return Fail(req, Err(Errc::kNotFound));
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    auto kind_text = RequiredString(*body, "kind", 40);
    auto name = RequiredString(*body, "name", 200);
    if (!kind_text) return Fail(req, kind_text.error());
    if (!name) return Fail(req, name.error());
    const auto kind = region::DayKindFromName(*kind_text);
    if (!kind) return Fail(req, Invalid("kind", "input.day_kind"));
    auto st = ctx.store.Write([&](store::WriteTx& tx) {
        return region::SetTenantDay(tx, p.tenant, {*date, *kind, *name}, ctx.clock.NowMs(), p.Actor());
    });
    if (!st) return Fail(req, st.error());
    ctx.calendars.Invalidate(p.tenant.code());
    return Json(200, {{"date", region::FormatDate(*date)}, {"kind", *kind_text}, {"name", *name}});
}

Response SetSettings(ApiContext& ctx, Request& req, const Principal& p) {
    auto body = JsonBody(req);
    if (!body) return Fail(req, body.error());
    const auto* off = body->if_contains("cuti_bersama_is_off");
    if (!off || !off->is_bool())
        return Fail(req, Err(Errc::kInvalidInput, "cuti_bersama_is_off must be true or false", "cuti_bersama_is_off"));
    auto st = ctx.store.Write([&](store::WriteTx& tx) {
        return region::SetCutiBersamaOff(tx, p.tenant, off->as_bool(), ctx.clock.NowMs(), p.Actor());
    });
    if (!st) return Fail(req, st.error());
    ctx.calendars.Invalidate(p.tenant.code());
    return Json(200, {{"cuti_bersama_is_off", off->as_bool()}});
}

}  // namespace

void RegisterCalendarRoutes(http::Router& router, ApiContext& ctx) {
    router.Add("GET", "/api/v1/regions/{code}/calendar/deadline", [&ctx](Request& req) { return Deadline(ctx, req); });
    router.Add("GET", "/api/v1/regions/{code}/calendar", [&ctx](Request& req) { return YearDays(ctx, req); });
    router.Add("PUT", "/api/v1/calendar/settings",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return SetSettings(ctx, req, p); }));
    router.Add("PUT", "/api/v1/calendar/days/{date}",
               Authed(ctx, {"admin"}, [&ctx](Request& req, const Principal& p) { return SetDay(ctx, req, p); }));
}

}  // namespace satupintu::api
