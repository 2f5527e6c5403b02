#include "cases/records.hpp"

#include <algorithm>
#include <cmath>

#include "cases/sla.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "events/canonical.hpp"
#include "events/event_log.hpp"

namespace satupintu::cases {

namespace {
using store::TenantSql;

// Two statements rather than one with RETURNING (see events::Append): the upsert locks the row.
constexpr TenantSql kNextSerial{
    "INSERT INTO case_serials(tenant, prefix, year, last) VALUES ($1, $2, $3, 1) "
    "ON CONFLICT (tenant, prefix, year) DO UPDATE SET last = case_serials.last + 1"};
constexpr TenantSql kSerial{"SELECT last FROM case_serials WHERE tenant = $1 AND prefix = $2 AND year = $3"};
constexpr TenantSql kInsertCase{
    "INSERT INTO cases(tenant, id, number, service_id, service_version, class, status, is_open, description, "
    "attributes, kecamatan_code, desa_code, lat_e6, lng_e6, address, anonymous, rahasia, reporter_id, opd_id, "
    "stage, stage_due, sweep_after, resolve_by, filed_at, updated_at, media_url, paused_since) VALUES ($1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)"};
constexpr TenantSql kUpdateCase{
    "UPDATE cases SET status = $3, is_open = $4, opd_id = $5, assignee_id = $6, stage = $7, stage_due = $8, "
    "sweep_after = $9, paused_since = $10, resume_status = $11, escalation = $12, breached = $13, merged_into = $14, "
    "rating = $15, updated_at = $16, closed_at = $17, attributes = $18, kecamatan_code = $19, desa_code = $20, "
    "filed_at = $21, resolve_by = $22 WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kInsertUpdate{
    "INSERT INTO case_updates(tenant, id, case_id, at, action, status, actor, opd_id, note, public, external_id, "
    "attachments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"};
constexpr TenantSql kClaimAttachment{
    "UPDATE attachments SET case_id = $2, purpose = $5 WHERE tenant = $1 AND id = $3 AND uploaded_by = $4 "
    "AND (case_id IS NULL OR ($6 = 1 AND case_id = $2))"};
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
constexpr TenantSql kCountStatus{
    "INSERT INTO case_status_counts(tenant, kind, status, n) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (tenant, kind, status) DO UPDATE SET n = case_status_counts.n + $4"};
constexpr TenantSql kStateOf{
    "SELECT status, is_open, stage, escalation, opd_id, class FROM cases WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kCountOverdue{
    "INSERT INTO opd_overdue(tenant, opd_id, n) VALUES ($1, $2, $3) "
    "ON CONFLICT (tenant, opd_id) DO UPDATE SET n = opd_overdue.n + $3"};
// Eight terms a statement (a filing's description has ten or so): on PostgreSQL each statement is
// work for the server's backend, which is what bounds the filing rate (decision 23). A shorter
// list repeats its first term, which ON CONFLICT DO NOTHING absorbs.
constexpr size_t kTermsPerInsert = 8;
constexpr TenantSql kInsertTerms{
    "INSERT INTO case_terms(tenant, term, filed_at, case_id) VALUES "
    "($1, $2, $10, $11), ($1, $3, $10, $11), ($1, $4, $10, $11), ($1, $5, $10, $11), ($1, $6, $10, $11), ($1, $7, $10, "
    "$11), ($1, $8, $10, $11), ($1, $9, $10, $11) "
    "ON CONFLICT DO NOTHING"};
constexpr TenantSql kDueInStatus{
    "SELECT number FROM cases WHERE tenant = $1 AND class = $2 AND is_open = 1 AND status = $3 AND stage_due < $4 "
    "ORDER BY stage_due LIMIT $5"};
constexpr TenantSql kClosedDurations{
    "SELECT filed_at, closed_at FROM cases WHERE tenant = $1 AND service_id = $2 AND closed_at IS NOT NULL "
    "AND status = $3 ORDER BY closed_at DESC LIMIT $4"};

// When the SLA sweep must look at a case again: the escalation ladder of the verification and
// follow-up clocks, the day after an auto-close deadline; never for other stages.
std::optional<std::string> SweepAfter(const Moment& at, const Case& c) {
    if (!c.is_open || c.paused_since || !c.stage_due) return std::nullopt;
    const auto due = *ParseDate(*c.stage_due);
    if (c.stage == "auto_close") return FormatDate(due + std::chrono::days{1});
    if (c.stage != "verification" && c.stage != "follow_up") return std::nullopt;
    if (c.escalation >= 4) return std::nullopt;
    return FormatDate(at.calendar.AddWorkingDays(due, kRungWorkingDaysOverdue[c.escalation + 1]));
}

std::optional<int64_t> E6(const std::optional<region::GeoPoint>& p, bool lat) {
    if (!p) return std::nullopt;
    return int64_t{std::llround((lat ? p->lat : p->lng) * 1e6)};
}

}  // namespace

json::array IdsJson(const std::vector<std::string>& ids) {
    json::array a;
    for (const auto& id : ids) a.push_back(json::string(id));
    return a;
}

std::string Moment::Today() const {
    return CivilDate(now_ms, tz_offset_minutes);
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

std::string KindOf(std::string_view report_class) {
    if (report_class == "aspirasi" || report_class == "pengaduan" || report_class == "permintaan_informasi")
        return "complaint";
    if (report_class == "permohonan") return "permit";
    return std::string(report_class);
}

Result<std::string> NextNumber(store::WriteTx& tx, const store::TenantId& tenant, const std::string& prefix,
                               const std::string& today) {
    const int year = std::stoi(today.substr(0, 4));
    SP_TRY(tx.Put(kNextSerial, tenant, prefix, year));
    SP_ASSIGN(auto serial, tx.Query(kSerial, tenant, prefix, year));
    char number[48];
    std::snprintf(number, sizeof number, "%s-%04d-%06lld", prefix.c_str(), year,
                  static_cast<long long>(serial.at(0).Int(0)));
    return std::string(number);
}

Status InsertCase(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, const Moment& at) {
    SP_TRY(tx.Put(kInsertCase, tenant, c.id, c.number, c.service_id, c.service_version, c.report_class, c.status,
                  c.is_open, c.description, ToJson(c.attributes), c.kecamatan_code, c.desa_code, E6(c.point, true),
                  E6(c.point, false), c.address, c.anonymous, c.rahasia, c.reporter_id, c.opd_id, c.stage,
                  c.stage_due.value_or(kNoDue), SweepAfter(at, c), c.resolve_by, c.filed_at, at.now_ms, c.media_url,
                  c.paused_since));
    return CountStatus(tx, tenant, c, +1);
}

Status SaveCase(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, const Moment& at) {
    SP_TRY(MoveStatus(tx, tenant, c));
    SP_ASSIGN(auto n, tx.Exec(kUpdateCase, tenant, c.id, c.status, c.is_open, c.opd_id, c.assignee_id, c.stage,
                              c.stage_due.value_or(kNoDue), SweepAfter(at, c), c.paused_since, c.resume_status,
                              c.escalation, c.breached, c.merged_into, c.rating, at.now_ms, c.closed_at,
                              ToJson(c.attributes), c.kecamatan_code, c.desa_code, c.filed_at, c.resolve_by));
    if (n != 1) return Err(Errc::kInternal, "case row vanished");
    return Status::Ok();
}

std::string ActorLabel(const Actor& a, std::string_view reporter_label) {
    if (a.role == "system") return "sistem";
    if (a.role == "citizen" || a.via_api_key) return std::string(reporter_label);
    if (a.role == "verifier" || a.role == "admin") return "verifikator";
    if (a.role == "opd_head") return "kepala_opd";
    return "petugas";
}

Status AddTimeline(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                   const std::string& action, const std::string& actor_label, const std::string& note, bool is_public,
                   const std::vector<std::string>& attachments, const std::optional<std::string>& external_id) {
    // Without an integrator's update_id nothing can conflict: sent without waiting (Put).
    if (!external_id) {
        return tx.Put(kInsertUpdate, tenant, NewId(), c.id, at.now_ms, action, c.status, actor_label, c.opd_id, note,
                      is_public, external_id, ToJson(IdsJson(attachments)));
    }
    auto r = tx.Exec(kInsertUpdate, tenant, NewId(), c.id, at.now_ms, action, c.status, actor_label, c.opd_id, note,
                     is_public, external_id, ToJson(IdsJson(attachments)));
    if (!r) {
        if (r.error().code == Errc::kConflict)
            return Err(Errc::kConflict, "this update_id was already used", "update_id");
        return r.error();
    }
    return Status::Ok();
}

Status ClaimAttachments(store::WriteTx& tx, const store::TenantId& tenant, const std::string& case_id,
                        const std::string& actor_id, const std::vector<std::string>& ids, const Claim& how) {
    if (ids.size() > how.max)
        return Err(Errc::kInvalidInput, "at most " + std::to_string(how.max) + " attachments", "attachments");
    for (const auto& id : ids) {
        SP_ASSIGN(auto n, tx.Exec(kClaimAttachment, tenant, case_id, id, actor_id, how.purpose, how.again));
        if (n != 1) return Err(Errc::kInvalidInput, "unknown or already used attachment " + id, "attachments");
    }
    return Status::Ok();
}

Status CountFiled(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                  bool performance) {
    if (performance) SP_TRY(tx.Put(kStatsReceived, tenant, c.opd_id));
    SP_TRY(tx.Put(kDailyFiled, tenant, at.Today(), c.service_id, c.opd_id, c.kecamatan_code.value_or("")));
    return Status::Ok();
}

Status CountClosed(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c, int sign,
                   bool performance) {
    SP_TRY(tx.Put(kDailyClosed, tenant, at.Today(), c.service_id, c.opd_id, c.kecamatan_code.value_or(""), sign));
    if (!performance) return Status::Ok();
    SP_TRY(tx.Put(kStatsClosed, tenant, c.opd_id, sign, c.breached ? 0 : sign));
    if (c.status == "closed" && c.closed_at) {
        SP_TRY(tx.Put(kResolutionDays, tenant, c.opd_id, ResolutionDays(c), sign));
    }
    return Status::Ok();
}

Status AddTerms(store::WriteTx& tx, const store::TenantId& tenant, const Case& c,
                const std::vector<std::string>& terms) {
    for (size_t i = 0; i < terms.size(); i += kTermsPerInsert) {
        const auto t = [&](size_t j) -> const std::string& { return terms[i + j < terms.size() ? i + j : i]; };
        SP_TRY(tx.Put(kInsertTerms, tenant, t(0), t(1), t(2), t(3), t(4), t(5), t(6), t(7), c.filed_at, c.id));
    }
    return Status::Ok();
}

Status AppendCaseEvent(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                       const std::string& type, const std::string& actor_id, json::object payload) {
    // Bound to the case and the field, so equal texts of two cases have different digests.
    for (const char* field : {"description", "note", "attributes"}) {
        const auto it = payload.find(field);
        if (it == payload.end()) continue;
        const std::string text =
            it->value().is_string() ? std::string(it->value().as_string()) : events::Canonical(it->value());
        payload[std::string(field) + "_sha256"] = crypto::Sha256Hex(c.id + "\n" + field + "\n" + text);
        payload.erase(field);
    }
    payload["number"] = c.number;
    payload["status"] = c.status;
    payload["stage"] = c.stage;
    if (c.stage_due) payload["stage_due"] = *c.stage_due;
    payload["opd_id"] = c.opd_id;
    SP_TRY(events::Append(tx, tenant, at.now_ms, {type, actor_id, "case:" + c.id, std::move(payload)}));
    return Status::Ok();
}

Status CountStatus(store::WriteTx& tx, const store::TenantId& tenant, const Case& c, int delta) {
    SP_TRY(tx.Put(kCountStatus, tenant, KindOf(c.report_class), c.status, delta));
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
    if (was && (!is || before.opd_id != c.opd_id)) SP_TRY(tx.Put(kCountOverdue, tenant, before.opd_id, -1));
    if (is && (!was || before.opd_id != c.opd_id)) SP_TRY(tx.Put(kCountOverdue, tenant, c.opd_id, +1));
    return Status::Ok();
}

int64_t ResolutionDays(const Case& c) {
    return c.closed_at ? std::min<int64_t>(366, (*c.closed_at - c.filed_at) / 86'400'000) : 0;
}

bool CountsAsOverdue(const Case& c) {
    return c.is_open && c.stage == "follow_up" && c.escalation > 0 && c.report_class != "permohonan" &&
           !c.opd_id.empty();
}

Result<std::vector<std::string>> DueInStatus(store::ReadTx& tx, const store::TenantId& tenant,
                                             const std::string& report_class, const std::string& status,
                                             const std::string& date, int limit) {
    SP_ASSIGN(auto rows, tx.Query(kDueInStatus, tenant, report_class, status, date, limit));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> ClosedDurations(store::ReadTx& tx, const store::TenantId& tenant,
                                                                 const std::string& service_id,
                                                                 const std::string& status, int limit) {
    SP_ASSIGN(auto rows, tx.Query(kClosedDurations, tenant, service_id, status, limit));
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const auto& r : rows) out.emplace_back(r.Int(0), r.Int(1));
    return out;
}

}  // namespace satupintu::cases
