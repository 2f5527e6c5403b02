#include "cases/cases.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "cases/records.hpp"
#include "cases/search.hpp"
#include "core/ids.hpp"
#include "core/problems.hpp"
#include "region/tenants.hpp"
#include "region/wilayah.hpp"
#include "workflow/workflow.hpp"

namespace satupintu::cases {

namespace {
using store::TenantSql;

// Complaint adapters find complaints only; permit applications have their own door.
constexpr TenantSql kFindByNumber{"SELECT " SP_CASE_COLS
                                  " FROM cases WHERE tenant = $1 AND number = $2 AND class <> 'permohonan'"};
constexpr TenantSql kFindApplication{"SELECT " SP_CASE_COLS
                                     " FROM cases WHERE tenant = $1 AND number = $2 AND class = 'permohonan'"};
constexpr TenantSql kClassOfNumber{"SELECT class FROM cases WHERE tenant = $1 AND number = $2"};
constexpr TenantSql kFindById{"SELECT " SP_CASE_COLS " FROM cases WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kTimeline{
    "SELECT id, at, action, status, actor, opd_id, note, public, attachments FROM case_updates "
    "WHERE tenant = $1 AND case_id = $2 ORDER BY at, id"};
constexpr TenantSql kQueueOpd{
    "SELECT " SP_CASE_COLS
    " FROM cases WHERE tenant = $1 AND opd_id = $2 AND is_open = 1 AND class <> 'permohonan' "
    "AND stage <> 'verification' AND ($3 = '' OR status = $3) AND ($4 = '' OR service_id = $4) "
    "AND ($5 = '' OR kecamatan_code = $5) AND ($6 = 0 OR stage_due < $7) "
    "AND (stage_due > $8 OR (stage_due = $8 AND id > $9)) ORDER BY stage_due, id LIMIT $10"};
constexpr TenantSql kQueueAll{
    "SELECT " SP_CASE_COLS
    " FROM cases WHERE tenant = $1 AND is_open = 1 AND class <> 'permohonan' "
    "AND ($2 = '' OR status = $2) AND ($3 = '' OR service_id = $3) AND ($4 = '' OR kecamatan_code = $4) "
    "AND ($5 = 0 OR stage_due < $6) AND (stage_due > $7 OR (stage_due = $7 AND id > $8)) "
    "ORDER BY stage_due, id LIMIT $9"};
// Everything, newest first (history, closed statuses).
constexpr TenantSql kHistoryOpd{
    "SELECT " SP_CASE_COLS
    " FROM cases WHERE tenant = $1 AND opd_id = $2 AND class <> 'permohonan' "
    "AND stage <> 'verification' AND status <> 'rejected' AND ($3 = '' OR status = $3) "
    "AND ($4 = '' OR service_id = $4) AND ($5 = '' OR kecamatan_code = $5) AND filed_at < $6 "
    "ORDER BY filed_at DESC LIMIT $7"};
constexpr TenantSql kHistoryAll{
    "SELECT " SP_CASE_COLS
    " FROM cases WHERE tenant = $1 AND ($2 = '' OR status = $2) AND class <> 'permohonan' "
    "AND ($3 = '' OR service_id = $3) AND ($4 = '' OR kecamatan_code = $4) AND filed_at < $5 "
    "ORDER BY filed_at DESC LIMIT $6"};
constexpr TenantSql kSearch{
    "SELECT " SP_CASE_COLS_C
    " FROM case_terms t JOIN cases c ON c.tenant = t.tenant AND c.id = t.case_id "
    "WHERE t.tenant = $1 AND t.term = $2 "
    "AND ($3 = '' OR EXISTS (SELECT 1 FROM case_terms t2 WHERE t2.tenant = $1 AND t2.term = $3 AND t2.filed_at = "
    "c.filed_at AND t2.case_id = c.id)) "
    "AND ($4 = '' OR EXISTS (SELECT 1 FROM case_terms t3 WHERE t3.tenant = $1 AND t3.term = $4 AND t3.filed_at = "
    "c.filed_at AND t3.case_id = c.id)) "
    "AND ($5 = '' OR (c.opd_id = $5 AND c.stage <> 'verification' AND c.status <> 'rejected')) AND c.is_open >= $6 AND "
    "($7 = '' OR c.status = $7) "
    "AND ($8 = '' OR c.service_id = $8) AND ($9 = '' OR c.kecamatan_code = $9) AND ($10 = 0 OR c.stage_due < $11) "
    "AND t.filed_at < $12 ORDER BY t.filed_at DESC LIMIT $13"};
constexpr TenantSql kNearby{
    "SELECT " SP_CASE_COLS
    " FROM cases WHERE tenant = $1 AND service_id = $2 AND is_open = 1 AND rahasia = 0 "
    "AND lat_e6 BETWEEN $3 AND $4 AND lng_e6 BETWEEN $5 AND $6 ORDER BY filed_at DESC LIMIT 50"};
constexpr TenantSql kOfReporter{"SELECT " SP_CASE_COLS
                                " FROM cases WHERE tenant = $1 AND reporter_id = $2 AND class <> 'permohonan' "
                                "ORDER BY filed_at DESC LIMIT $3"};
constexpr TenantSql kEveryOfReporter{"SELECT " SP_CASE_COLS
                                     " FROM cases WHERE tenant = $1 AND reporter_id = $2 ORDER BY filed_at, id"};
constexpr TenantSql kAwaitingDecision{"SELECT " SP_CASE_COLS
                                      " FROM cases WHERE tenant = $1 AND class = 'permohonan' AND is_open = 1 "
                                      "AND status = 'in_review' ORDER BY stage_due, id LIMIT $2"};
constexpr TenantSql kApplicationsOf{"SELECT " SP_CASE_COLS
                                    " FROM cases WHERE tenant = $1 AND reporter_id = $2 AND class = 'permohonan' "
                                    "ORDER BY filed_at DESC LIMIT $3"};
constexpr TenantSql kPublic{
    "SELECT " SP_CASE_COLS
    " FROM cases WHERE tenant = $1 AND rahasia = 0 AND filed_at >= $2 AND filed_at < $3 "
    "AND ($4 = '' OR (',' || $4 || ',') LIKE ('%,' || service_id || ',%')) "
    "AND ($5 = '' OR ($5 = 'open' AND status NOT IN ('resolved', 'closed', 'rejected', 'merged')) "
    "OR ($5 = 'closed' AND status IN ('resolved', 'closed', 'rejected', 'merged'))) "
    "ORDER BY filed_at DESC, id LIMIT $6 OFFSET $7"};
constexpr TenantSql kPublicUpdates{
    "SELECT u.id, c.number, u.at, u.action, u.status, CASE WHEN u.public = 1 THEN u.note ELSE '' END, u.attachments "
    "FROM case_updates u JOIN cases c ON c.tenant = u.tenant AND c.id = u.case_id "
    "WHERE u.tenant = $1 AND c.rahasia = 0 AND u.at >= $2 AND u.at < $3 ORDER BY u.at, u.id LIMIT $4 OFFSET $5"};
// Every OPD with counts or with overdue cases (a case passed on to an OPD is overdue there
// before that OPD has received or closed anything).
constexpr TenantSql kPerformance{
    "SELECT opd_id, SUM(received), SUM(closed), SUM(closed_on_time), SUM(overdue) FROM ("
    "SELECT opd_id, received, closed, closed_on_time, 0 AS overdue FROM opd_case_stats WHERE tenant = $1 "
    "UNION ALL SELECT opd_id, 0, 0, 0, n FROM opd_overdue WHERE tenant = $1 AND n <> 0) p "
    "GROUP BY opd_id ORDER BY opd_id"};

size_t CodePoints(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

Status CheckText(std::string_view text, size_t max, const char* field, bool required) {
    if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return Invalid(field, "input.required");
    if (!IsValidUtf8(text)) return Invalid(field, "input.not_utf8");
    if (CodePoints(text) > max) return Invalid(field, "input.too_long", {{"max", std::to_string(max)}});
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return Invalid(field, "input.control_chars");
    }
    return Status::Ok();
}

bool IsKnownStatus(std::string_view status) {
    return workflow::Shipped("pengaduan")->State(status) != nullptr;
}

bool IsPublicClosed(std::string_view status) {
    return status == "resolved" || status == "closed" || status == "rejected" || status == "merged";
}

Result<std::optional<Case>> FindCase(store::ReadTx& tx, const store::TenantId& tenant, const std::string& number) {
    SP_ASSIGN(auto row, tx.QueryOne(kFindByNumber, tenant, number));
    if (!row) return std::optional<Case>{};
    return std::optional<Case>{FromRow(*row)};
}

Result<std::optional<Case>> FindApplication(store::ReadTx& tx, const store::TenantId& tenant,
                                            const std::string& number) {
    SP_ASSIGN(auto row, tx.QueryOne(kFindApplication, tenant, number));
    if (!row) return std::optional<Case>{};
    return std::optional<Case>{FromRow(*row)};
}

Result<std::vector<Case>> ApplicationsOf(store::ReadTx& tx, const store::TenantId& tenant,
                                         const std::string& reporter_id, int limit) {
    return CasesOf(tx.Query(kApplicationsOf, tenant, reporter_id, limit));
}

Result<std::vector<Case>> ApplicationsAwaitingDecision(store::ReadTx& tx, const store::TenantId& tenant, int limit) {
    return CasesOf(tx.Query(kAwaitingDecision, tenant, limit));
}

Result<std::optional<Case>> FindCaseById(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kFindById, tenant, id));
    if (!row) return std::optional<Case>{};
    return std::optional<Case>{FromRow(*row)};
}

Result<std::vector<NumberFound>> FindNumberAnywhere(store::ReadTx& tx, const std::string& number) {
    std::vector<NumberFound> out;
    SP_ASSIGN(const auto tenants, region::ListTenants(tx));
    for (const auto& t : tenants) {
        SP_ASSIGN(auto row, tx.QueryOne(kClassOfNumber, store::TenantId(t.code), number));
        if (!row) continue;
        std::string kind = KindOf(row->Text(0));
        if (kind == "complaint" || kind == "permit") out.push_back({t.code, t.name, std::move(kind)});
    }
    return out;
}

Result<std::vector<TimelineEntry>> Timeline(store::ReadTx& tx, const store::TenantId& tenant,
                                            const std::string& case_id) {
    SP_ASSIGN(auto rows, tx.Query(kTimeline, tenant, case_id));
    std::vector<TimelineEntry> out;
    for (const auto& r : rows) {
        TimelineEntry e{r.Text(0),    r.Int(1),  r.Text(2),     r.Text(3), r.Text(4),
                        r.OptText(5), r.Text(6), r.Int(7) != 0, {}};
        if (auto ids = json::parse(r.Text(8)); ids.is_array()) {
            for (const auto& v : ids.as_array())
                if (v.is_string()) e.attachments.emplace_back(v.as_string());
        }
        out.push_back(std::move(e));
    }
    return out;
}

Result<QueuePage> Queue(store::ReadTx& tx, const store::TenantId& tenant, const QueueFilter& f) {
    const int limit = std::clamp(f.limit, 1, 200);
    const bool history = f.status == "all" || f.status == "rejected" || f.status == "closed" || f.status == "merged";
    const std::string status = f.status == "all" ? "" : f.status;
    const std::string opd = f.opd_id.value_or("");
    auto before = [&] {
        if (!f.after.empty() && f.after.size() < 19 && f.after.find_first_not_of("0123456789") == std::string::npos)
            return static_cast<int64_t>(std::stoll(f.after));
        return INT64_MAX;
    };
    QueuePage page;
    // As the queues: an OPD sees its cases once verified, region-wide roles see all.
    const auto listed = [&](const Case& c) {
        const bool opd_sees = !f.opd_id || (c.opd_id == *f.opd_id && c.stage != "verification");
        return opd_sees && (f.service_id.empty() || c.service_id == f.service_id);
    };
    if (!f.number.empty()) {
        SP_ASSIGN(auto row, tx.QueryOne(kFindByNumber, tenant, f.number));
        if (row) {
            Case c = FromRow(*row);
            if (listed(c)) page.cases.push_back(std::move(c));
        }
        return page;
    }
    if (!f.reporter_id.empty()) {
        // A person's reports, newest first; one filed anonymously is not theirs to find.
        SP_ASSIGN(auto mine, CasesOf(tx.Query(kOfReporter, tenant, f.reporter_id, int64_t{200})));
        for (auto& c : mine) {
            if (!c.anonymous && listed(c) && static_cast<int>(page.cases.size()) < limit)
                page.cases.push_back(std::move(c));
        }
        return page;
    }
    const auto terms = Terms(f.query, 3, TermsFor::kQuery);
    if (!terms.empty() || history) {
        // Newest first; the cursor is the last row's filing time.
        if (!terms.empty()) {
            SP_ASSIGN(page.cases,
                      CasesOf(tx.Query(kSearch, tenant, terms[0], terms.size() > 1 ? terms[1] : "",
                                       terms.size() > 2 ? terms[2] : "", opd, history ? 0 : 1, status, f.service_id,
                                       f.kecamatan_code, f.overdue_only, f.today, before(), limit)));
        } else if (f.opd_id) {
            SP_ASSIGN(page.cases, CasesOf(tx.Query(kHistoryOpd, tenant, opd, status, f.service_id, f.kecamatan_code,
                                                   before(), limit)));
        } else {
            SP_ASSIGN(page.cases,
                      CasesOf(tx.Query(kHistoryAll, tenant, status, f.service_id, f.kecamatan_code, before(), limit)));
        }
        if (static_cast<int>(page.cases.size()) == limit) page.next = std::to_string(page.cases.back().filed_at);
        return page;
    }
    // Open work by deadline; the cursor is "<stage_due>|<id>" of the last row.
    std::string after_due = "0000-00-00", after_id;
    if (const auto bar = f.after.find('|'); bar != std::string::npos) {
        after_due = f.after.substr(0, bar);
        after_id = f.after.substr(bar + 1);
    }
    if (f.opd_id) {
        SP_ASSIGN(page.cases, CasesOf(tx.Query(kQueueOpd, tenant, opd, status, f.service_id, f.kecamatan_code,
                                               f.overdue_only, f.today, after_due, after_id, limit)));
    } else {
        SP_ASSIGN(page.cases, CasesOf(tx.Query(kQueueAll, tenant, status, f.service_id, f.kecamatan_code,
                                               f.overdue_only, f.today, after_due, after_id, limit)));
    }
    if (static_cast<int>(page.cases.size()) == limit) {
        const auto& last = page.cases.back();
        page.next = last.stage_due.value_or(kNoDue) + "|" + last.id;
    }
    return page;
}

Result<std::vector<Case>> Nearby(store::ReadTx& tx, const store::TenantId& tenant, const catalog::Service& s,
                                 region::GeoPoint p, int limit) {
    const double dlat = s.duplicate_radius_m / 111320.0;
    const double dlng = dlat / std::max(0.1, std::cos(p.lat * M_PI / 180));
    auto e6 = [](double v) { return int64_t{std::llround(v * 1e6)}; };
    SP_ASSIGN(auto rows,
              tx.Query(kNearby, tenant, s.id, e6(p.lat - dlat), e6(p.lat + dlat), e6(p.lng - dlng), e6(p.lng + dlng)));
    std::vector<Case> out;
    for (const auto& r : rows) {
        Case c = FromRow(r);
        if (c.point && region::DistanceMetres(*c.point, p) <= s.duplicate_radius_m) out.push_back(std::move(c));
        if (static_cast<int>(out.size()) >= limit) break;
    }
    return out;
}

Result<std::vector<Case>> CasesOfReporter(store::ReadTx& tx, const store::TenantId& tenant,
                                          const std::string& reporter_id, int limit) {
    return CasesOf(tx.Query(kOfReporter, tenant, reporter_id, limit));
}

Result<std::vector<Case>> EveryCaseOfReporter(store::ReadTx& tx, const store::TenantId& tenant,
                                              const std::string& reporter_id) {
    return CasesOf(tx.Query(kEveryOfReporter, tenant, reporter_id));
}

Result<std::vector<Case>> PublicCases(store::ReadTx& tx, const store::TenantId& tenant, const PublicFilter& f) {
    std::string services;
    for (const auto& s : f.service_ids) services += (services.empty() ? "" : ",") + s;
    return CasesOf(tx.Query(kPublic, tenant, f.from_ms, f.to_ms, services, f.status, f.limit, f.offset));
}

Result<std::vector<PublicUpdate>> PublicUpdates(store::ReadTx& tx, const store::TenantId& tenant, int64_t from_ms,
                                                int64_t to_ms, int limit, int offset) {
    SP_ASSIGN(auto rows, tx.Query(kPublicUpdates, tenant, from_ms, to_ms, limit, offset));
    std::vector<PublicUpdate> out;
    for (const auto& r : rows) {
        PublicUpdate u{r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), {}};
        if (auto ids = json::parse(r.Text(6)); ids.is_array()) {
            for (const auto& v : ids.as_array())
                if (v.is_string()) u.attachments.emplace_back(v.as_string());
        }
        out.push_back(std::move(u));
    }
    return out;
}

Result<std::vector<OpdPerformance>> Performance(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto rows, tx.Query(kPerformance, tenant));
    std::vector<OpdPerformance> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4)});
    return out;
}

json::object CaseJson(const Case& c, bool for_public, int tz) {
    json::object o{{"number", c.number},
                   {"service_id", c.service_id},
                   {"service_version", c.service_version},
                   {"class", c.report_class},
                   {"status", c.status},
                   {"open", c.is_open},
                   {"description", c.description},
                   {"opd_id", c.opd_id},
                   {"stage", c.stage},
                   {"stage_due", c.stage_due ? json::value(*c.stage_due) : json::value(nullptr)},
                   {"resolve_by", c.resolve_by},
                   {"filed_at", IsoWithOffset(c.filed_at, tz)},
                   {"updated_at", IsoWithOffset(c.updated_at, tz)},
                   {"closed_at", c.closed_at ? json::value(IsoWithOffset(*c.closed_at, tz)) : json::value(nullptr)},
                   {"kecamatan_code", c.kecamatan_code ? json::value(*c.kecamatan_code) : json::value(nullptr)},
                   {"desa_code", c.desa_code ? json::value(*c.desa_code) : json::value(nullptr)},
                   {"address", c.address ? json::value(*c.address) : json::value(nullptr)},
                   {"paused", c.paused_since.has_value()}};
    if (c.point) {
        o["lat"] = c.point->lat;
        o["long"] = c.point->lng;
    }
    if (for_public) return o;
    o["attributes"] = c.attributes;
    o["anonymous"] = c.anonymous;
    o["rahasia"] = c.rahasia;
    o["escalation"] = c.escalation;
    o["breached"] = c.breached;
    o["assignee_id"] = c.assignee_id ? json::value(*c.assignee_id) : json::value(nullptr);
    o["merged_into"] = c.merged_into ? json::value(*c.merged_into) : json::value(nullptr);
    o["rating"] = c.rating ? json::value(*c.rating) : json::value(nullptr);
    // An anonymous reporter's identity never leaves the engine.
    if (!c.anonymous && c.reporter_id) o["reporter_id"] = *c.reporter_id;
    return o;
}

json::object TimelineJson(const TimelineEntry& e, bool for_public, int tz) {
    json::object o{{"at", IsoWithOffset(e.at, tz)},
                   {"action", e.action},
                   {"status", e.status},
                   {"by", e.actor},
                   {"opd_id", e.opd_id ? json::value(*e.opd_id) : json::value(nullptr)},
                   {"note", for_public && !e.is_public ? "" : e.note}};
    if (!for_public) o["public"] = e.is_public;
    o["attachments"] = IdsJson(e.attachments);
    return o;
}

}  // namespace satupintu::cases
