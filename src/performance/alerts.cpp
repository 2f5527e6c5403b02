#include "performance/alerts.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "cases/cases.hpp"
#include "core/ids.hpp"
#include "core/messages.hpp"
#include "events/event_log.hpp"
#include "identity/users.hpp"
#include "notify/outbox.hpp"

namespace satupintu::performance {

namespace {

using store::TenantSql;

// Complaints filed per kecamatan: today, and in the 28 days before.
constexpr TenantSql kKecamatanDays{
    "SELECT d.kecamatan_code, SUM(CASE WHEN d.day = $3 THEN d.filed ELSE 0 END), "
    "SUM(CASE WHEN d.day < $3 THEN d.filed ELSE 0 END) FROM case_daily d JOIN services s ON s.tenant = d.tenant "
    "AND s.id = d.service_id WHERE d.tenant = $1 AND d.day >= $2 AND d.day <= $3 AND s.kind = 'complaint' "
    "AND d.kecamatan_code <> '' GROUP BY d.kecamatan_code"};
constexpr TenantSql kLastPayments{"SELECT MAX(paid_at), COUNT(*) FROM payments WHERE tenant = $1 AND paid_at >= $2"};
constexpr TenantSql kInsert{
    "INSERT INTO alerts (tenant, id, day, kind, subject, message, value, threshold, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant, day, kind, subject) DO NOTHING"};
constexpr TenantSql kToday{
    "SELECT kind, subject, message, value, threshold, created_at FROM alerts WHERE tenant = $1 AND day = $2 "
    "ORDER BY created_at DESC, id LIMIT 50"};

struct Raised {
    std::string kind, subject, message;
    int64_t value = 0, threshold = 0;
    std::optional<std::string> opd_head_of;  // also tell this OPD's head
};

}  // namespace

Result<int> EvaluateAlerts(store::Store& store, const region::TenantCalendar& cal, int64_t now_ms,
                           const AlertNames& names, AlertBaselines& baselines, const AlertRules& rules) {
    const store::TenantId t(cal.tenant.code);
    const int64_t now = now_ms;
    const int tz = cal.tenant.tz_offset_minutes;
    const std::string today = CivilDate(now, tz);
    const auto today_date = *ParseDate(today);
    const std::string since = FormatDate(today_date - std::chrono::days{28});
    std::vector<Raised> raised;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        // 1. A kecamatan with at least `spike_min` complaints today and `spike_factor` times its
        //    daily average over the four weeks before.
        SP_ASSIGN(auto rows, tx.Query(kKecamatanDays, t, since, today));
        for (const auto& r : rows) {
            const int64_t now_n = r.Int(1);
            const double average = static_cast<double>(r.Int(2)) / 28.0;
            if (now_n < rules.spike_min || static_cast<double>(now_n) < rules.spike_factor * average) continue;
            char avg[32];
            std::snprintf(avg, sizeof avg, "%.1f", average);
            raised.push_back(
                {"complaint_spike", r.Text(0),
                 Format(
                     "alert.complaint_spike", Lang::kId,
                     {{"kecamatan", names.kecamatan(r.Text(0))}, {"today", std::to_string(now_n)}, {"average", avg}}),
                 now_n,
                 static_cast<int64_t>(std::ceil(std::max<double>(rules.spike_min, rules.spike_factor * average)))});
        }
        // 2. An OPD whose open overdue complaints grew by `breach_wave` or more since the day began
        //    (the count this node last saw the day before; see AlertBaselines).
        SP_ASSIGN(auto perf, cases::Performance(tx, t));
        for (const auto& p : perf) {
            const int64_t start = baselines.OverdueAtStartOfDay(cal.tenant.code, p.opd_id, today, p.open_overdue);
            if (p.open_overdue - start < rules.breach_wave) continue;
            raised.push_back({"breach_wave", p.opd_id,
                              Format("alert.breach_wave", Lang::kId,
                                     {{"opd", names.opd(p.opd_id)},
                                      {"new", std::to_string(p.open_overdue - start)},
                                      {"open", std::to_string(p.open_overdue)}}),
                              p.open_overdue - start, rules.breach_wave, p.opd_id});
        }
        // 3. Payments stop: on a working day, within office hours, none for `payment_gap_hours`
        //    although the region received at least `payment_min_week` in the past week.
        const int64_t day_start = *StartOfDayMs(today, tz);
        const int64_t hour = (now - day_start) / 3'600'000;
        if (cal.calendar.IsWorkingDay(today_date) && hour >= 8 + rules.payment_gap_hours && hour < 17) {
            SP_ASSIGN(auto pay, tx.QueryOne(kLastPayments, t, now - 7 * 86'400'000));
            const int64_t last = pay && !pay->IsNull(0) ? pay->Int(0) : 0;
            const int64_t week = pay ? pay->Int(1) : 0;
            const int64_t gap_hours = last ? (now - last) / 3'600'000 : 0;
            if (week >= rules.payment_min_week && gap_hours >= rules.payment_gap_hours) {
                raised.push_back({"payments_stopped", "",
                                  Format("alert.payments_stopped", Lang::kId,
                                         {{"hours", std::to_string(gap_hours)}, {"week", std::to_string(week)}}),
                                  gap_hours, rules.payment_gap_hours});
            }
        }
        return Status::Ok();
    }));
    int count = 0;
    for (const auto& a : raised) {
        bool inserted = false;  // set, not counted, inside: the store may run the write twice
        SP_TRY(store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(auto n,
                      tx.Exec(kInsert, t, NewId(), today, a.kind, a.subject, a.message, a.value, a.threshold, now));
            inserted = n > 0;
            if (!inserted) return Status::Ok();  // raised already today
            SP_TRY(events::Append(
                tx, t, now,
                {"alert.raised",
                 "system",
                 "alert:" + a.kind + ":" + a.subject,
                 {{"kind", a.kind}, {"subject", a.subject}, {"value", a.value}, {"threshold", a.threshold}}}));
            std::vector<std::string> to;
            for (const char* role : {"executive", "auditor"}) {
                SP_ASSIGN(auto emails, identity::StaffEmails(tx, t, role, std::nullopt));
                to.insert(to.end(), emails.begin(), emails.end());
            }
            if (a.opd_head_of) {
                SP_ASSIGN(auto heads, identity::StaffEmails(tx, t, "opd_head", a.opd_head_of));
                to.insert(to.end(), heads.begin(), heads.end());
            }
            return notify::EnqueueEmails(tx, t, to,
                                         Format("mail.alert.subject", Lang::kId, {{"region", cal.tenant.name}}),
                                         a.message + "\n", now);
        }));
        if (inserted) ++count;
    }
    return count;
}

Result<json::array> TodaysAlerts(store::ReadTx& tx, const store::TenantId& tenant, const std::string& today, int tz) {
    SP_ASSIGN(auto rows, tx.Query(kToday, tenant, today));
    json::array out;
    for (const auto& r : rows) {
        out.push_back({{"kind", r.Text(0)},
                       {"subject", r.Text(1)},
                       {"message", r.Text(2)},
                       {"value", r.Int(3)},
                       {"threshold", r.Int(4)},
                       {"at", IsoWithOffset(r.Int(5), tz)}});
    }
    return out;
}

int64_t AlertBaselines::OverdueAtStartOfDay(const std::string& tenant, const std::string& opd_id,
                                            const std::string& day, int64_t now_value) {
    std::lock_guard lock(mu_);
    const auto [it, first] = entries_.try_emplace(tenant + "|" + opd_id, Entry{day, now_value, now_value});
    Entry& e = it->second;
    if (!first && e.day != day) {
        e.day = day;
        e.baseline = e.last;
    }
    e.last = now_value;
    return e.baseline;
}

}  // namespace satupintu::performance
