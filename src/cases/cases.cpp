#include "cases/cases.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "cases/search.hpp"
#include "cases/sla.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"
#include "identity/users.hpp"
#include "notify/outbox.hpp"
#include "region/opds.hpp"
#include "region/wilayah.hpp"

namespace satupintu::cases {

namespace {
using store::TenantSql;

#define SP_CASE_COLS                                                                                 \
    "id, number, service_id, service_version, class, status, is_open, description, attributes, "     \
    "kecamatan_code, desa_code, lat_e6, lng_e6, address, anonymous, rahasia, reporter_id, opd_id, "  \
    "assignee_id, stage, stage_due, paused_since, resume_status, resolve_by, escalation, breached, " \
    "merged_into, rating, filed_at, updated_at, closed_at, media_url"
#define SP_CASE_COLS_C                                                                                         \
    "c.id, c.number, c.service_id, c.service_version, c.class, c.status, c.is_open, c.description, "           \
    "c.attributes, c.kecamatan_code, c.desa_code, c.lat_e6, c.lng_e6, c.address, c.anonymous, c.rahasia, "     \
    "c.reporter_id, c.opd_id, c.assignee_id, c.stage, c.stage_due, c.paused_since, c.resume_status, "          \
    "c.resolve_by, c.escalation, c.breached, c.merged_into, c.rating, c.filed_at, c.updated_at, c.closed_at, " \
    "c.media_url"

constexpr const char* kNoDue = "9999-12-31";

// Two statements rather than one with RETURNING (see events::Append): the upsert locks the row.
constexpr TenantSql kNextSerial{
    "INSERT INTO case_serials(tenant, prefix, year, last) VALUES ($1, $2, $3, 1) "
    "ON CONFLICT (tenant, prefix, year) DO UPDATE SET last = case_serials.last + 1"};
constexpr TenantSql kSerial{"SELECT last FROM case_serials WHERE tenant = $1 AND prefix = $2 AND year = $3"};
constexpr TenantSql kInsertCase{
    "INSERT INTO cases(tenant, id, number, service_id, service_version, class, status, is_open, description, "
    "attributes, kecamatan_code, desa_code, lat_e6, lng_e6, address, anonymous, rahasia, reporter_id, opd_id, "
    "stage, stage_due, sweep_after, resolve_by, filed_at, updated_at, media_url) VALUES ($1, $2, $3, $4, $5, $6, "
    "'received', 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'verification', $18, $19, $20, $21, $21, $22)"};
constexpr TenantSql kUpdateCase{
    "UPDATE cases SET status = $3, is_open = $4, opd_id = $5, assignee_id = $6, stage = $7, stage_due = $8, "
    "sweep_after = $9, paused_since = $10, resume_status = $11, escalation = $12, breached = $13, merged_into = $14, "
    "rating = $15, updated_at = $16, closed_at = $17 WHERE tenant = $1 AND id = $2"};
// Complaint adapters find complaints only; permit applications have their own door.
constexpr TenantSql kFindByNumber{"SELECT " SP_CASE_COLS
                                  " FROM cases WHERE tenant = $1 AND number = $2 AND class <> 'permohonan'"};
constexpr TenantSql kFindApplication{"SELECT " SP_CASE_COLS
                                     " FROM cases WHERE tenant = $1 AND number = $2 AND class = 'permohonan'"};
constexpr TenantSql kFindById{"SELECT " SP_CASE_COLS " FROM cases WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kInsertContact{
    "INSERT INTO case_contacts(tenant, case_id, name, email, phone) VALUES ($1, $2, $3, $4, $5)"};
constexpr TenantSql kContactEmail{"SELECT email FROM case_contacts WHERE tenant = $1 AND case_id = $2"};
constexpr TenantSql kInsertUpdate{
    "INSERT INTO case_updates(tenant, id, case_id, at, action, status, actor, opd_id, note, public, external_id, "
    "attachments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"};
constexpr TenantSql kTimeline{
    "SELECT id, at, action, status, actor, opd_id, note, public, attachments FROM case_updates "
    "WHERE tenant = $1 AND case_id = $2 ORDER BY at, id"};
constexpr TenantSql kInsertTerm{
    "INSERT INTO case_terms(tenant, term, filed_at, case_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"};
constexpr TenantSql kStatsReceived{
    "INSERT INTO opd_case_stats(tenant, opd_id, received) VALUES ($1, $2, 1) "
    "ON CONFLICT (tenant, opd_id) DO UPDATE SET received = opd_case_stats.received + 1"};
constexpr TenantSql kStatsClosed{
    "INSERT INTO opd_case_stats(tenant, opd_id, closed, closed_on_time) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (tenant, opd_id) DO UPDATE SET closed = opd_case_stats.closed + $3, "
    "closed_on_time = opd_case_stats.closed_on_time + $4"};
constexpr TenantSql kResolutionDays{
    "INSERT INTO opd_resolution_days(tenant, opd_id, days, n) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (tenant, opd_id, days) DO UPDATE SET n = opd_resolution_days.n + $4"};
constexpr TenantSql kDailyFiled{
    "INSERT INTO case_daily(tenant, day, service_id, opd_id, kecamatan_code, filed) VALUES ($1, $2, $3, $4, $5, 1) "
    "ON CONFLICT (tenant, day, service_id, opd_id, kecamatan_code) DO UPDATE SET filed = case_daily.filed + 1"};
constexpr TenantSql kDailyClosed{
    "INSERT INTO case_daily(tenant, day, service_id, opd_id, kecamatan_code, closed) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (tenant, day, service_id, opd_id, kecamatan_code) DO UPDATE SET closed = case_daily.closed + $6"};
constexpr TenantSql kClaimAttachment{
    "UPDATE attachments SET case_id = $2, purpose = $5 WHERE tenant = $1 AND id = $3 AND uploaded_by = $4 "
    "AND case_id IS NULL"};
constexpr TenantSql kInsertRating{
    "INSERT INTO case_ratings(tenant, case_id, rating, comment, at) VALUES ($1, $2, $3, $4, $5)"};
constexpr TenantSql kCountStatus{
    "INSERT INTO case_status_counts(tenant, kind, status, n) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (tenant, kind, status) DO UPDATE SET n = case_status_counts.n + $4"};
constexpr TenantSql kStateOf{
    "SELECT status, is_open, stage, escalation, opd_id, class FROM cases WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kCountOverdue{
    "INSERT INTO opd_overdue(tenant, opd_id, n) VALUES ($1, $2, $3) "
    "ON CONFLICT (tenant, opd_id) DO UPDATE SET n = opd_overdue.n + $3"};
constexpr TenantSql kIkmTotal{
    "INSERT INTO ikm_totals(tenant, service_id, element, total, answers) VALUES ($1, $2, $3, $4, 1) "
    "ON CONFLICT (tenant, service_id, element) DO UPDATE SET total = ikm_totals.total + $4, "
    "answers = ikm_totals.answers + 1"};
constexpr TenantSql kInsertIkm{
    "INSERT INTO ikm_answers(tenant, case_id, service_id, element, answer, at) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr TenantSql kUserRole{"SELECT role, opd_id FROM users WHERE tenant = $1 AND id = $2 AND disabled = 0"};
constexpr TenantSql kMergedReporters{
    "SELECT id FROM cases WHERE tenant = $1 AND merged_into = $2 ORDER BY filed_at LIMIT 200"};
constexpr TenantSql kSweepDue{"SELECT " SP_CASE_COLS
                              " FROM cases WHERE tenant = $1 AND sweep_after <= $2 ORDER BY sweep_after LIMIT $3"};

// Open work, by deadline: the index (tenant, [opd_id,] is_open, stage_due, id) gives the order.
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

constexpr std::array<std::string_view, 3> kClasses = {"aspirasi", "pengaduan", "permintaan_informasi"};
constexpr std::array<std::string_view, 3> kRejectReasons = {"bukan_kewenangan", "duplikat", "tidak_lengkap"};
constexpr std::array<std::string_view, 11> kStatuses = {
    "received",          "verified",    "rejected", "forwarded", "in_progress",
    "awaiting_reporter", "followed_up", "resolved", "closed",    "merged"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view v) {
    return std::find(set.begin(), set.end(), v) != set.end();
}

Case FromRow(const store::Row& r) {
    Case c;
    c.id = r.Text(0);
    c.number = r.Text(1);
    c.service_id = r.Text(2);
    c.service_version = static_cast<int>(r.Int(3));
    c.report_class = r.Text(4);
    c.status = r.Text(5);
    c.is_open = r.Int(6) != 0;
    c.description = r.Text(7);
    if (auto attrs = ParseJsonObject(r.Text(8))) c.attributes = std::move(*attrs);
    c.kecamatan_code = r.OptText(9);
    c.desa_code = r.OptText(10);
    if (!r.IsNull(11) && !r.IsNull(12)) c.point = region::GeoPoint{r.Int(11) / 1e6, r.Int(12) / 1e6};
    c.address = r.OptText(13);
    c.anonymous = r.Int(14) != 0;
    c.rahasia = r.Int(15) != 0;
    c.reporter_id = r.OptText(16);
    c.opd_id = r.Text(17);
    c.assignee_id = r.OptText(18);
    c.stage = r.Text(19);
    if (r.Text(20) != kNoDue) c.stage_due = r.Text(20);
    c.paused_since = r.OptText(21);
    c.resume_status = r.OptText(22);
    c.resolve_by = r.Text(23);
    c.escalation = static_cast<int>(r.Int(24));
    c.breached = r.Int(25) != 0;
    c.merged_into = r.OptText(26);
    if (!r.IsNull(27)) c.rating = static_cast<int>(r.Int(27));
    c.filed_at = r.Int(28);
    c.updated_at = r.Int(29);
    if (!r.IsNull(30)) c.closed_at = r.Int(30);
    c.media_url = r.OptText(31);
    return c;
}

Result<std::vector<Case>> CasesOf(Result<store::Rows> rows) {
    if (!rows) return rows.error();
    std::vector<Case> out;
    out.reserve(rows->size());
    for (const auto& r : *rows) out.push_back(FromRow(r));
    return out;
}

size_t CodePoints(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Plain text: valid UTF-8, at most `max` characters, no control characters but tab and newlines.
Status CheckText(std::string_view text, size_t max, const char* field, bool required) {
    if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return Err(Errc::kInvalidInput, std::string(field) + " is required", field);
    if (!IsValidUtf8(text)) return Err(Errc::kInvalidInput, std::string(field) + " is not valid UTF-8", field);
    if (CodePoints(text) > max)
        return Err(Errc::kInvalidInput, std::string(field) + ": at most " + std::to_string(max) + " characters", field);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return Err(Errc::kInvalidInput, std::string(field) + " contains control characters", field);
    }
    return Status::Ok();
}

std::string Today(const Env& env) {
    return CivilDate(env.now_ms, env.tz_offset_minutes);
}

region::Date D(const std::string& s) {
    return *ParseDate(s);
}

// When the SLA sweep must look at a case again.
std::optional<std::string> SweepAfter(const Env& env, const Case& c) {
    if (!c.is_open || c.paused_since || !c.stage_due) return std::nullopt;
    const auto due = D(*c.stage_due);
    if (c.stage == "auto_close") return FormatDate(due + std::chrono::days{1});
    if (c.stage != "verification" && c.stage != "follow_up") return std::nullopt;
    if (c.escalation >= 4) return std::nullopt;
    return FormatDate(env.calendar.AddWorkingDays(due, kRungWorkingDaysOverdue[c.escalation + 1]));
}

Status WriteCase(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, const Case& c) {
    SP_TRY(MoveStatus(tx, tenant, c));
    SP_ASSIGN(auto n, tx.Exec(kUpdateCase, tenant, c.id, c.status, c.is_open, c.opd_id, c.assignee_id, c.stage,
                              c.stage_due.value_or(kNoDue), SweepAfter(env, c), c.paused_since, c.resume_status,
                              c.escalation, c.breached, c.merged_into, c.rating, env.now_ms, c.closed_at));
    if (n != 1) return Err(Errc::kInternal, "case row vanished");
    return Status::Ok();
}

json::array IdsJson(const std::vector<std::string>& ids) {
    json::array a;
    for (const auto& id : ids) a.push_back(json::string(id));
    return a;
}

// What the public timeline calls the actor.
std::string ActorLabel(const Actor& a) {
    if (a.role == "system") return "sistem";
    if (a.role == "citizen" || a.via_api_key) return "pelapor";
    if (a.role == "verifier" || a.role == "admin") return "verifikator";
    if (a.role == "opd_head") return "kepala_opd";
    return "petugas";
}

Status AddUpdate(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, const Case& c,
                 const std::string& action, const Actor& actor, const std::string& note, bool is_public,
                 const std::vector<std::string>& attachments, const std::optional<std::string>& external_id) {
    auto r = tx.Exec(kInsertUpdate, tenant, NewId(), c.id, env.now_ms, action, c.status, ActorLabel(actor), c.opd_id,
                     note, is_public, external_id, ToJson(IdsJson(attachments)));
    if (!r) {
        if (r.error().code == Errc::kConflict)
            return Err(Errc::kConflict, "this update_id was already used", "update_id");
        return r.error();
    }
    return Status::Ok();
}

Status ClaimAttachments(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, const Actor& actor,
                        const std::vector<std::string>& ids, const char* purpose) {
    if (ids.size() > kMaxAttachments) return Err(Errc::kInvalidInput, "at most 5 attachments", "attachments");
    for (const auto& id : ids) {
        SP_ASSIGN(auto n, tx.Exec(kClaimAttachment, tenant, c.id, id, actor.id, purpose));
        if (n != 1) return Err(Errc::kInvalidInput, "unknown or already used attachment " + id, "attachments");
    }
    return Status::Ok();
}

// The reporter's address for notifications: their account's email, or the Open311 contact.
Result<std::optional<std::string>> ReporterEmail(store::ReadTx& tx, const store::TenantId& tenant, const Case& c) {
    if (c.reporter_id) return identity::UserEmail(tx, tenant, *c.reporter_id);
    SP_ASSIGN(auto row, tx.QueryOne(kContactEmail, tenant, c.id));
    if (!row || row->IsNull(0)) return std::optional<std::string>{};
    return std::optional<std::string>{row->Text(0)};
}

std::string StatusText(std::string_view status) {
    if (status == "received") return "diterima";
    if (status == "verified") return "terverifikasi";
    if (status == "rejected") return "ditolak";
    if (status == "forwarded") return "diteruskan ke OPD";
    if (status == "in_progress") return "sedang ditangani";
    if (status == "awaiting_reporter") return "menunggu jawaban pelapor";
    if (status == "followed_up") return "ditindaklanjuti";
    if (status == "resolved") return "selesai";
    if (status == "closed") return "ditutup";
    if (status == "merged") return "digabung";
    return std::string(status);
}

// Tells the reporter (and the reporters of cases merged into this one) and the tenant's webhooks.
Status NotifyReporters(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, const Case& c,
                       const std::string& action, const std::string& note, bool merged_too = true) {
    std::vector<std::string> to;
    SP_ASSIGN(auto own, ReporterEmail(tx, tenant, c));
    if (own) to.push_back(*own);
    store::Rows merged;
    if (merged_too) {
        SP_ASSIGN(merged, tx.Query(kMergedReporters, tenant, c.id));
    }
    for (const auto& r : merged) {
        SP_ASSIGN(auto m, FindCaseById(tx, tenant, r.Text(0)));
        if (!m) continue;
        SP_ASSIGN(auto email, ReporterEmail(tx, tenant, *m));
        if (email && std::find(to.begin(), to.end(), *email) == to.end()) to.push_back(*email);
    }
    const std::string subject = "Pengaduan " + c.number + ": " + StatusText(c.status);
    std::string body = "Status pengaduan " + c.number + " sekarang: " + StatusText(c.status) + ".\n";
    if (!note.empty()) body += "\n" + note + "\n";
    body += "\nLacak: /lacak/" + c.number + "\n";
    SP_TRY(notify::EnqueueEmails(tx, tenant, to, subject, body, env.now_ms));
    json::object hook{{"type", "case." + action},
                      {"number", c.number},
                      {"status", c.status},
                      {"at", IsoWithOffset(env.now_ms, env.tz_offset_minutes)}};
    return notify::EnqueueWebhooks(tx, tenant, "case." + action, ToJson(hook), env.now_ms);
}

Status AppendEvent(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, const Case& c,
                   const std::string& type, const Actor& actor, json::object payload) {
    payload["number"] = c.number;
    payload["status"] = c.status;
    payload["stage"] = c.stage;
    if (c.stage_due) payload["stage_due"] = *c.stage_due;
    payload["opd_id"] = c.opd_id;
    SP_TRY(events::Append(tx, tenant, env.now_ms, {type, actor.id, "case:" + c.id, std::move(payload)}));
    return Status::Ok();
}

Status CountClosed(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, const Case& c, int sign) {
    SP_TRY(tx.Exec(kStatsClosed, tenant, c.opd_id, sign, c.breached ? 0 : sign));
    SP_TRY(tx.Exec(kDailyClosed, tenant, Today(env), c.service_id, c.opd_id, c.kecamatan_code.value_or(""), sign));
    if (c.status == "closed" && c.closed_at) {
        SP_TRY(tx.Exec(kResolutionDays, tenant, c.opd_id, ResolutionDays(c), sign));
    }
    return Status::Ok();
}

bool IsStaffAll(const Actor& a) {
    return a.role == "admin" || a.role == "verifier";
}
// An OPD works a case once the verifiers forwarded it (SP4N-LAPOR!), not before.
bool IsOpdStaff(const Actor& a, const Case& c) {
    return (a.role == "officer" || a.role == "opd_head") && a.opd_id == c.opd_id && c.stage != "verification" &&
           c.status != "rejected";
}
bool IsReporter(const Actor& a, const Case& c) {
    return (a.role == "citizen" && c.reporter_id && *c.reporter_id == a.user_id) || (a.via_api_key && !c.reporter_id);
}

Status Refuse(const std::string& why) {
    return Err(Errc::kConflict, why, "action");
}

}  // namespace

bool IsKnownStatus(std::string_view status) {
    return OneOf(kStatuses, status);
}

bool IsPublicClosed(std::string_view status) {
    return status == "resolved" || status == "closed" || status == "rejected" || status == "merged";
}

bool CanSee(const Case& c, const Actor& a) {
    if (a.role == "admin" || a.role == "verifier" || a.role == "auditor" || a.role == "executive") return true;
    if (IsOpdStaff(a, c)) return true;
    return IsReporter(a, c);
}

Result<PreparedComplaint> PrepareComplaint(store::ReadTx& tx, const store::TenantId& tenant, const NewComplaint& in,
                                           const Env& env) {
    SP_ASSIGN(auto service, catalog::FindServiceByCode(tx, tenant, in.service_code));
    const auto region_of = [&tx](const std::string& code) { return region::FindRegion(tx, code); };
    return PrepareComplaint(service && service->active ? &*service : nullptr, region_of, tenant, in, env);
}

Result<PreparedComplaint> PrepareComplaint(const catalog::Service* service, const RegionOf& region_of,
                                           const store::TenantId& tenant, const NewComplaint& in, const Env& env) {
    if (!service || service->kind != "complaint" || !service->active)
        return Err(Errc::kNotFound, "no such complaint category", "service_code");
    if (!OneOf(kClasses, in.report_class))
        return Err(Errc::kInvalidInput, "class: aspirasi, pengaduan, permintaan_informasi", "class");
    SP_TRY(CheckText(in.description, kMaxDescription, "description", true));
    if (in.address) SP_TRY(CheckText(*in.address, 300, "address", false));
    if (in.media_url && (in.media_url->size() > 500 ||
                         !(in.media_url->starts_with("https://") || in.media_url->starts_with("http://")) ||
                         in.media_url->find_first_of(" \"<>\r\n") != std::string::npos))
        return Err(Errc::kInvalidInput, "media_url must be an http(s) URL", "media_url");
    if (in.rahasia && !service->allow_rahasia)
        return Err(Errc::kInvalidInput, "this category does not allow rahasia reports", "rahasia");
    SP_TRY(catalog::ValidateAnswers(*service, in.attributes));
    for (const auto* s : {&in.contact.name, &in.contact.email, &in.contact.phone}) {
        if (*s) SP_TRY(CheckText(**s, 200, "contact", false));
    }

    // Where: a point inside the region, a kecamatan of the region, a desa of that kecamatan.
    std::optional<std::string> kecamatan = in.kecamatan_code;
    if (in.point) {
        const auto& p = *in.point;
        if (!std::isfinite(p.lat) || !std::isfinite(p.lng) || std::abs(p.lat) > 90 || std::abs(p.lng) > 180)
            return Err(Errc::kInvalidInput, "lat/long out of range", "lat");
        if (env.geo.Covers(tenant.code())) {
            const auto located = env.geo.Locate(tenant.code(), p);
            if (!located) return Err(Errc::kInvalidInput, "the point is outside this region", "lat");
            if (!kecamatan) kecamatan = located;
        }
    }
    if (kecamatan) {
        SP_ASSIGN(auto k, region_of(*kecamatan));
        if (!k || k->level != 3 || k->parent_code != tenant.code())
            return Err(Errc::kInvalidInput, "the kecamatan is not in this region", "kecamatan_code");
    }
    if (in.desa_code) {
        SP_ASSIGN(auto d, region_of(*in.desa_code));
        if (!kecamatan || !d || d->level != 4 || d->parent_code != *kecamatan)
            return Err(Errc::kInvalidInput, "the desa is not in that kecamatan", "desa_code");
    }
    if (!in.point && !kecamatan && !in.address)
        return Err(Errc::kInvalidInput, "a location is required: a point, a kecamatan or an address", "location");

    PreparedComplaint out{in, *service, kecamatan, {}};
    out.terms = Terms(in.description + " " + out.service.name + " " + in.address.value_or(""));
    return out;
}

Result<Case> FileComplaint(store::WriteTx& tx, const store::TenantId& tenant, const NewComplaint& in, const Env& env,
                           const Actor& actor) {
    SP_ASSIGN(auto prepared, PrepareComplaint(tx, tenant, in, env));
    return FilePrepared(tx, tenant, prepared, env, actor);
}

Result<Case> FilePrepared(store::WriteTx& tx, const store::TenantId& tenant, const PreparedComplaint& prepared,
                          const Env& env, const Actor& actor) {
    const NewComplaint& in = prepared.in;
    const catalog::Service* service = &prepared.service;
    const std::optional<std::string>& kecamatan = prepared.kecamatan_code;
    const std::string today = Today(env);
    const int year = std::stoi(today.substr(0, 4));
    SP_TRY(tx.Exec(kNextSerial, tenant, "ADU", year));
    SP_ASSIGN(auto serial, tx.Query(kSerial, tenant, "ADU", year));
    char number[40];
    std::snprintf(number, sizeof number, "ADU-%s-%06lld", today.substr(0, 4).c_str(),
                  static_cast<long long>(serial.at(0).Int(0)));

    Case c;
    c.id = NewId();
    c.number = number;
    c.service_id = service->id;
    c.service_version = service->version;
    c.report_class = in.report_class;
    c.status = "received";
    c.description = in.description;
    c.attributes = in.attributes;
    c.kecamatan_code = kecamatan;
    c.desa_code = in.desa_code;
    c.point = in.point;
    c.address = in.address;
    c.media_url = in.media_url;
    c.anonymous = in.anonymous;
    c.rahasia = in.rahasia;
    c.reporter_id = in.reporter_id;
    c.opd_id = service->opd_id;
    c.stage = "verification";
    c.stage_due = FormatDate(StageDue(env.calendar, service->sla, Stage::kVerification, D(today)));
    c.resolve_by = FormatDate(D(today) + std::chrono::days{service->sla.resolve_days});
    c.filed_at = c.updated_at = env.now_ms;

    std::optional<int64_t> lat, lng;
    if (c.point) lat = int64_t{std::llround(c.point->lat * 1e6)}, lng = int64_t{std::llround(c.point->lng * 1e6)};
    SP_TRY(tx.Exec(kInsertCase, tenant, c.id, c.number, c.service_id, c.service_version, c.report_class, c.description,
                   ToJson(c.attributes), c.kecamatan_code, c.desa_code, lat, lng, c.address, c.anonymous, c.rahasia,
                   c.reporter_id, c.opd_id, *c.stage_due, SweepAfter(env, c), c.resolve_by, env.now_ms, c.media_url));
    SP_TRY(CountStatus(tx, tenant, c, +1));
    if (in.contact.name || in.contact.email || in.contact.phone) {
        SP_TRY(tx.Exec(kInsertContact, tenant, c.id, in.contact.name, in.contact.email, in.contact.phone));
    }
    SP_TRY(ClaimAttachments(tx, tenant, c, actor, in.attachment_ids, "report"));
    SP_TRY(AddUpdate(tx, tenant, env, c, "received", actor, "", true, in.attachment_ids, std::nullopt));
    for (const auto& term : prepared.terms) SP_TRY(tx.Exec(kInsertTerm, tenant, term, c.filed_at, c.id));
    SP_TRY(tx.Exec(kStatsReceived, tenant, c.opd_id));
    SP_TRY(tx.Exec(kDailyFiled, tenant, today, c.service_id, c.opd_id, c.kecamatan_code.value_or("")));
    json::object payload{{"service_id", c.service_id},
                         {"service_version", c.service_version},
                         {"class", c.report_class},
                         {"description", c.description},
                         {"attributes", c.attributes},
                         {"anonymous", c.anonymous},
                         {"rahasia", c.rahasia},
                         {"resolve_by", c.resolve_by},
                         {"attachments", IdsJson(in.attachment_ids)}};
    if (c.kecamatan_code) payload["kecamatan_code"] = *c.kecamatan_code;
    if (c.desa_code) payload["desa_code"] = *c.desa_code;
    if (lat) payload["lat_e6"] = *lat, payload["lng_e6"] = *lng;
    if (c.reporter_id) payload["reporter_id"] = *c.reporter_id;
    SP_TRY(AppendEvent(tx, tenant, env, c, "case.filed", actor, std::move(payload)));
    SP_TRY(NotifyReporters(tx, tenant, env, c, "filed", "", /*merged=*/false));
    return c;
}

Result<Case> Act(store::WriteTx& tx, const store::TenantId& tenant, const std::string& number, const Action& a,
                 const Env& env, const Actor& actor) {
    SP_ASSIGN(auto found, FindCase(tx, tenant, number));
    if (!found || !CanSee(*found, actor)) return Err(Errc::kNotFound, "no such case");
    Case c = std::move(*found);
    SP_ASSIGN(auto service, catalog::FindServiceVersion(tx, tenant, c.service_id, c.service_version));
    if (!service) return Err(Errc::kInternal, "the case's service version is missing");
    SP_TRY(CheckText(a.note, kMaxNote, "note", false));
    const std::string today = Today(env);
    const auto in = [&](std::initializer_list<std::string_view> statuses) {
        return std::find(statuses.begin(), statuses.end(), c.status) != statuses.end();
    };
    const bool staff_all = IsStaffAll(actor);
    const bool opd_staff = IsOpdStaff(actor, c);
    const bool reporter = IsReporter(actor, c);
    const bool was_open = c.is_open;
    bool is_public = true;
    bool notify_reporter = true;
    std::vector<std::string> attachments;
    json::object payload;
    if (!a.note.empty()) payload["note"] = a.note;

    auto stage_breached = [&] { return c.stage_due && Overdue(D(*c.stage_due), D(today)); };
    auto start_stage = [&](Stage s) {
        c.stage = std::string(StageName(s));
        c.stage_due = s == Stage::kDone
                          ? std::nullopt
                          : std::optional<std::string>(FormatDate(StageDue(env.calendar, service->sla, s, D(today))));
        c.escalation = 0;
    };
    auto close = [&](const std::string& status) {
        c.status = status;
        c.is_open = false;
        c.closed_at = env.now_ms;
        start_stage(Stage::kDone);
    };

    const std::string& name = a.name;
    if (name == "verify") {
        if (!staff_all) return Err(Errc::kForbidden);
        if (!in({"received"})) return Refuse("only a received case can be verified");
        c.status = "verified";
    } else if (name == "reject") {
        if (!staff_all) return Err(Errc::kForbidden);
        if (!in({"received", "verified"})) return Refuse("only a case not yet forwarded can be rejected");
        if (!a.reason || !OneOf(kRejectReasons, *a.reason))
            return Err(Errc::kInvalidInput, "reason: bukan_kewenangan, duplikat, tidak_lengkap", "reason");
        SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        if (stage_breached()) c.breached = true;
        payload["reason"] = *a.reason;
        close("rejected");
    } else if (name == "forward" || name == "pass_on") {
        const bool forward = name == "forward";
        if (forward ? !staff_all : !(staff_all || opd_staff)) return Err(Errc::kForbidden);
        if (forward ? !in({"received", "verified"}) : !in({"forwarded", "in_progress"}))
            return Refuse(forward ? "only a received or verified case can be forwarded"
                                  : "only a case at an OPD can be passed on");
        const std::string target = a.opd_id.value_or(forward ? service->opd_id : "");
        SP_ASSIGN(auto opd, region::GetOpd(tx, tenant, target));
        if (!opd) return Err(Errc::kInvalidInput, "no such OPD", "opd_id");
        if (!forward) {
            if (target == c.opd_id) return Err(Errc::kInvalidInput, "the case is already at that OPD", "opd_id");
            SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        }
        payload["from_opd_id"] = c.opd_id;
        payload["to_opd_id"] = target;
        c.opd_id = target;
        c.assignee_id.reset();
        c.status = "forwarded";
        if (forward) {
            if (stage_breached()) c.breached = true;
            start_stage(Stage::kFollowUp);
        }
        // Passing on keeps the follow-up deadline: the reporter's clock does not restart.
        is_public = false;  // instructions and reasons are internal; the step itself is public
    } else if (name == "assign") {
        if (!(staff_all || (actor.role == "opd_head" && opd_staff))) return Err(Errc::kForbidden);
        if (!in({"forwarded", "in_progress", "awaiting_reporter", "followed_up"}))
            return Refuse("only a case at an OPD can be assigned");
        if (!a.assignee_id) return Err(Errc::kInvalidInput, "assignee_id is required", "assignee_id");
        SP_ASSIGN(auto who, tx.QueryOne(kUserRole, tenant, *a.assignee_id));
        if (!who || (who->Text(0) != "officer" && who->Text(0) != "opd_head") || who->IsNull(1) ||
            who->Text(1) != c.opd_id)
            return Err(Errc::kInvalidInput, "the assignee must be an officer of the case's OPD", "assignee_id");
        c.assignee_id = *a.assignee_id;
        payload["assignee_id"] = *a.assignee_id;
        is_public = false;
        notify_reporter = false;
    } else if (name == "start") {
        if (!(opd_staff || staff_all)) return Err(Errc::kForbidden);
        if (!in({"forwarded"})) return Refuse("only a forwarded case can be started");
        c.status = "in_progress";
        if (!c.assignee_id && actor.role == "officer") c.assignee_id = actor.user_id;
    } else if (name == "request_info") {
        if (!(opd_staff || staff_all)) return Err(Errc::kForbidden);
        if (!in({"received", "verified", "forwarded", "in_progress"}))
            return Refuse("information can be requested only while the case is being worked");
        SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        c.resume_status = c.status;
        c.status = "awaiting_reporter";
        c.paused_since = today;
    } else if (name == "reply") {
        if (!reporter) return Err(Errc::kForbidden);
        if (!in({"awaiting_reporter"})) return Refuse("the case is not waiting for the reporter");
        SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        if (c.stage_due)
            c.stage_due = FormatDate(ResumeDue(env.calendar, D(*c.stage_due), D(*c.paused_since), D(today)));
        c.status = c.resume_status.value_or("received");
        c.paused_since.reset();
        c.resume_status.reset();
        attachments = a.attachment_ids;
        is_public = false;
    } else if (name == "follow_up") {
        if (!(opd_staff || staff_all)) return Err(Errc::kForbidden);
        if (!in({"forwarded", "in_progress", "followed_up"})) return Refuse("only a case at an OPD can be followed up");
        SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        if (service->proof_required && a.attachment_ids.empty())
            return Err(Errc::kInvalidInput, "this category needs a proof-of-fix photo", "attachments");
        attachments = a.attachment_ids;
        if (c.stage == "follow_up") {
            if (stage_breached()) c.breached = true;
            start_stage(Stage::kDone);
        }
        c.status = "followed_up";
    } else if (name == "resolve") {
        if (!(opd_staff || staff_all)) return Err(Errc::kForbidden);
        if (!in({"followed_up"})) return Refuse("post a follow-up before resolving");
        if (today > c.resolve_by) c.breached = true;
        c.status = "resolved";
        start_stage(Stage::kAutoClose);
    } else if (name == "reopen") {
        if (!reporter) return Err(Errc::kForbidden);
        if (!in({"resolved", "closed"})) return Refuse("only a resolved or closed case can be reopened");
        SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        if (!was_open) SP_TRY(CountClosed(tx, tenant, env, c, -1));
        c.is_open = true;
        c.closed_at.reset();
        c.status = "in_progress";
        start_stage(Stage::kFollowUp);
    } else if (name == "close") {
        if (!(reporter || actor.role == "admin")) return Err(Errc::kForbidden);
        if (!in({"resolved"})) return Refuse("only a resolved case can be closed");
        close("closed");
    } else if (name == "rate") {
        if (!reporter) return Err(Errc::kForbidden);
        if (!in({"resolved", "closed"})) return Refuse("a case can be rated once it is resolved");
        if (!a.rating || *a.rating < 1 || *a.rating > 5) return Err(Errc::kInvalidInput, "rating: 1..5", "rating");
        if (c.rating) return Refuse("the case has been rated already");
        c.rating = *a.rating;
        SP_TRY(tx.Exec(kInsertRating, tenant, c.id, *a.rating, a.note, env.now_ms));
        json::object ikm;
        for (const auto& [element, answer] : a.ikm) {
            const std::string e(element);
            if (e.size() != 2 || e[0] != 'U' || e[1] < '1' || e[1] > '9')
                return Err(Errc::kInvalidInput, "IKM elements are U1..U9", "ikm");
            if (!answer.is_int64() || answer.as_int64() < 1 || answer.as_int64() > 4)
                return Err(Errc::kInvalidInput, "IKM answers are 1..4", "ikm");
            SP_TRY(tx.Exec(kInsertIkm, tenant, c.id, c.service_id, e, answer.as_int64(), env.now_ms));
            SP_TRY(tx.Exec(kIkmTotal, tenant, c.service_id, e, answer.as_int64()));
            ikm[e] = answer.as_int64();
        }
        payload["rating"] = *a.rating;
        payload["ikm"] = std::move(ikm);
        is_public = false;
        notify_reporter = false;
    } else if (name == "merge") {
        if (!staff_all) return Err(Errc::kForbidden);
        if (!c.is_open || in({"resolved"})) return Refuse("only an open case can be merged");
        if (!a.target_number) return Err(Errc::kInvalidInput, "target_number is required", "target_number");
        SP_ASSIGN(auto target, FindCase(tx, tenant, *a.target_number));
        if (!target || target->id == c.id || !target->is_open || target->merged_into)
            return Err(Errc::kInvalidInput, "the target must be another open case", "target_number");
        c.merged_into = target->id;
        payload["target_number"] = target->number;
        close("merged");
    } else if (name == "comment") {
        if (!(opd_staff || staff_all || reporter || actor.role == "auditor")) return Err(Errc::kForbidden);
        SP_TRY(CheckText(a.note, kMaxNote, "note", true));
        is_public = false;
        notify_reporter = false;
    } else {
        return Err(Errc::kInvalidInput, "unknown action", "action");
    }

    if (!attachments.empty()) {
        SP_TRY(ClaimAttachments(tx, tenant, c, actor, attachments, name == "follow_up" ? "proof" : "report"));
        payload["attachments"] = IdsJson(attachments);
    }
    if (was_open && !c.is_open && c.status != "merged") SP_TRY(CountClosed(tx, tenant, env, c, 1));
    c.updated_at = env.now_ms;
    SP_TRY(WriteCase(tx, tenant, env, c));
    SP_TRY(AddUpdate(tx, tenant, env, c, name, actor, a.note, is_public, attachments, a.external_id));
    SP_TRY(AppendEvent(tx, tenant, env, c, "case." + name, actor, std::move(payload)));
    if (notify_reporter) SP_TRY(NotifyReporters(tx, tenant, env, c, name, is_public ? a.note : ""));
    return c;
}

Result<int> Sweep(store::WriteTx& tx, const store::TenantId& tenant, const Env& env, int limit) {
    const std::string today = Today(env);
    SP_ASSIGN(auto rows, tx.Query(kSweepDue, tenant, today, limit));
    const Actor system{"system", "system", "", std::nullopt, false};
    int changed = 0;
    for (const auto& row : rows) {
        Case c = FromRow(row);
        if (!c.stage_due) continue;
        const auto due = D(*c.stage_due);
        if (c.stage == "auto_close" && c.status == "resolved") {
            c.status = "closed";
            c.is_open = false;
            c.closed_at = env.now_ms;
            c.stage = "done";
            c.stage_due.reset();
            c.updated_at = env.now_ms;
            SP_TRY(CountClosed(tx, tenant, env, c, 1));
            SP_TRY(WriteCase(tx, tenant, env, c));
            SP_TRY(AddUpdate(tx, tenant, env, c, "auto_close", system,
                             "Ditutup otomatis: tidak ada tanggapan pelapor dalam batas waktu.", true, {},
                             std::nullopt));
            SP_TRY(AppendEvent(tx, tenant, env, c, "case.auto_closed", system, {}));
            SP_TRY(NotifyReporters(tx, tenant, env, c, "auto_close", ""));
            ++changed;
            continue;
        }
        const Rung rung = EscalationRung(env.calendar, due, D(today));
        if (static_cast<int>(rung) <= c.escalation) {
            SP_TRY(WriteCase(tx, tenant, env, c));  // recompute sweep_after
            continue;
        }
        c.escalation = static_cast<int>(rung);
        c.breached = true;
        c.updated_at = env.now_ms;
        SP_TRY(WriteCase(tx, tenant, env, c));
        const std::string note = "Batas waktu tahap " + c.stage + " (" + *c.stage_due + ") terlampaui; eskalasi ke " +
                                 std::string(RungName(rung)) + ".";
        SP_TRY(AddUpdate(tx, tenant, env, c, "escalate", system, note, false, {}, std::nullopt));
        SP_TRY(AppendEvent(tx, tenant, env, c, "case.escalated", system,
                           {{"rung", c.escalation}, {"rung_name", RungName(rung)}}));
        // The ladder: officer -> OPD head -> Inspektorat -> executive. Before forwarding, the
        // verifiers stand for the officers and the admins for the OPD head.
        std::string role(RungRole(rung));
        std::optional<std::string> opd;
        if (rung == Rung::kOfficer || rung == Rung::kOpdHead) {
            if (c.stage == "verification") {
                role = rung == Rung::kOfficer ? "verifier" : "admin";
            } else {
                opd = c.opd_id;
            }
        }
        SP_ASSIGN(auto to, identity::StaffEmails(tx, tenant, role, opd));
        if (rung == Rung::kOfficer && c.assignee_id) {
            SP_ASSIGN(auto assignee, identity::UserEmail(tx, tenant, *c.assignee_id));
            if (assignee) to = {*assignee};
        }
        SP_TRY(notify::EnqueueEmails(tx, tenant, to, "Eskalasi SLA " + c.number, note + "\n\nKasus: " + c.number + "\n",
                                     env.now_ms));
        ++changed;
    }
    return changed;
}

Result<std::optional<Case>> FindCase(store::ReadTx& tx, const store::TenantId& tenant, const std::string& number) {
    SP_ASSIGN(auto row, tx.QueryOne(kFindByNumber, tenant, number));
    if (!row) return std::optional<Case>{};
    return std::optional<Case>{FromRow(*row)};
}

Status CountStatus(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, int delta) {
    SP_TRY(tx.Exec(kCountStatus, tenant, c.report_class == "permohonan" ? "permit" : "complaint", c.status, delta));
    return Status::Ok();
}

Status MoveStatus(store::WriteTx& tx, const store::TenantId& tenant, const Case& c) {
    SP_ASSIGN(auto row, tx.QueryOne(kStateOf, tenant, c.id));
    if (!row) return Status::Ok();
    Case before;
    before.status = row->Text(0);
    before.is_open = row->Int(1) != 0;
    before.stage = row->Text(2);
    before.escalation = static_cast<int>(row->Int(3));
    before.opd_id = row->Text(4);
    before.report_class = row->Text(5);
    if (before.status != c.status) {
        SP_TRY(CountStatus(tx, tenant, before, -1));
        SP_TRY(CountStatus(tx, tenant, c, +1));
    }
    const bool was = CountsAsOverdue(before), is = CountsAsOverdue(c);
    if (was && (!is || before.opd_id != c.opd_id)) SP_TRY(tx.Exec(kCountOverdue, tenant, before.opd_id, -1));
    if (is && (!was || before.opd_id != c.opd_id)) SP_TRY(tx.Exec(kCountOverdue, tenant, c.opd_id, +1));
    return Status::Ok();
}

int64_t ResolutionDays(const Case& c) {
    return c.closed_at ? std::min<int64_t>(366, (*c.closed_at - c.filed_at) / 86'400'000) : 0;
}

bool CountsAsOverdue(const Case& c) {
    return c.is_open && c.stage == "follow_up" && c.escalation > 0 && c.report_class != "permohonan" &&
           !c.opd_id.empty();
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
