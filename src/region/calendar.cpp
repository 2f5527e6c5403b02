#include "region/calendar.hpp"

#include <cstdio>

#include "core/json.hpp"
#include "events/event_log.hpp"

namespace satupintu::region {

namespace {
using namespace std::chrono;

constexpr store::TenantSql kTenantDays{"SELECT day, kind, name FROM calendar_days WHERE tenant = $1 ORDER BY day"};
constexpr store::TenantSql kUpsert{
    "INSERT INTO calendar_days(tenant, day, kind, name, updated_at) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (tenant, day) DO UPDATE SET kind = excluded.kind, name = excluded.name,"
    " updated_at = excluded.updated_at"};
constexpr store::TenantSql kCutiSetting{"SELECT cuti_bersama_is_off FROM tenants WHERE code = $1"};

struct Seed {
    const char* date;
    DayKind kind;
    const char* name;
};

// SKB 3 Menteri calendars for 2025 and 2026, as listed in docs rules-id.md. Idulfitri and
// Iduladha may move after the official sighting: regions correct them as their own entries.
constexpr Seed kNational[] = {
    {"2025-01-01", DayKind::kNationalHoliday, "Tahun Baru 2025 Masehi"},
    {"2025-01-27", DayKind::kNationalHoliday, "Isra Mikraj Nabi Muhammad SAW"},
    {"2025-01-28", DayKind::kCutiBersama, "Cuti bersama Tahun Baru Imlek"},
    {"2025-01-29", DayKind::kNationalHoliday, "Tahun Baru Imlek 2576 Kongzili"},
    {"2025-03-28", DayKind::kCutiBersama, "Cuti bersama Hari Suci Nyepi"},
    {"2025-03-29", DayKind::kNationalHoliday, "Hari Suci Nyepi Tahun Baru Saka 1947"},
    {"2025-03-31", DayKind::kNationalHoliday, "Idulfitri 1446 H"},
    {"2025-04-01", DayKind::kNationalHoliday, "Idulfitri 1446 H"},
    {"2025-04-02", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2025-04-03", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2025-04-04", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2025-04-07", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2025-04-18", DayKind::kNationalHoliday, "Wafat Yesus Kristus"},
    {"2025-04-20", DayKind::kNationalHoliday, "Kebangkitan Yesus Kristus (Paskah)"},
    {"2025-05-01", DayKind::kNationalHoliday, "Hari Buruh Internasional"},
    {"2025-05-12", DayKind::kNationalHoliday, "Hari Raya Waisak 2569 BE"},
    {"2025-05-13", DayKind::kCutiBersama, "Cuti bersama Hari Raya Waisak"},
    {"2025-05-29", DayKind::kNationalHoliday, "Kenaikan Yesus Kristus"},
    {"2025-05-30", DayKind::kCutiBersama, "Cuti bersama Kenaikan Yesus Kristus"},
    {"2025-06-01", DayKind::kNationalHoliday, "Hari Lahir Pancasila"},
    {"2025-06-06", DayKind::kNationalHoliday, "Iduladha 1446 H"},
    {"2025-06-09", DayKind::kCutiBersama, "Cuti bersama Iduladha"},
    {"2025-06-27", DayKind::kNationalHoliday, "Tahun Baru Islam 1447 H"},
    {"2025-08-17", DayKind::kNationalHoliday, "Hari Kemerdekaan Republik Indonesia"},
    {"2025-08-18", DayKind::kCutiBersama, "Cuti bersama Hari Kemerdekaan"},
    {"2025-09-05", DayKind::kNationalHoliday, "Maulid Nabi Muhammad SAW"},
    {"2025-12-25", DayKind::kNationalHoliday, "Hari Raya Natal"},
    {"2025-12-26", DayKind::kCutiBersama, "Cuti bersama Hari Raya Natal"},
    {"2026-01-01", DayKind::kNationalHoliday, "Tahun Baru 2026 Masehi"},
    {"2026-01-16", DayKind::kNationalHoliday, "Isra Mikraj Nabi Muhammad SAW"},
    {"2026-02-16", DayKind::kCutiBersama, "Cuti bersama Tahun Baru Imlek"},
    {"2026-02-17", DayKind::kNationalHoliday, "Tahun Baru Imlek 2577 Kongzili"},
    {"2026-03-18", DayKind::kCutiBersama, "Cuti bersama Hari Suci Nyepi"},
    {"2026-03-19", DayKind::kNationalHoliday, "Hari Suci Nyepi Tahun Baru Saka 1948"},
    {"2026-03-20", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2026-03-21", DayKind::kNationalHoliday, "Idulfitri 1447 H"},
    {"2026-03-22", DayKind::kNationalHoliday, "Idulfitri 1447 H"},
    {"2026-03-23", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2026-03-24", DayKind::kCutiBersama, "Cuti bersama Idulfitri"},
    {"2026-04-03", DayKind::kNationalHoliday, "Wafat Yesus Kristus"},
    {"2026-04-05", DayKind::kNationalHoliday, "Kebangkitan Yesus Kristus (Paskah)"},
    {"2026-05-01", DayKind::kNationalHoliday, "Hari Buruh Internasional"},
    {"2026-05-14", DayKind::kNationalHoliday, "Kenaikan Yesus Kristus"},
    {"2026-05-15", DayKind::kCutiBersama, "Cuti bersama Kenaikan Yesus Kristus"},
    {"2026-05-27", DayKind::kNationalHoliday, "Iduladha 1447 H"},
    {"2026-05-28", DayKind::kCutiBersama, "Cuti bersama Iduladha"},
    {"2026-05-31", DayKind::kNationalHoliday, "Hari Raya Waisak 2570 BE"},
    {"2026-06-01", DayKind::kNationalHoliday, "Hari Lahir Pancasila"},
    {"2026-06-16", DayKind::kNationalHoliday, "Tahun Baru Islam 1448 H"},
    {"2026-08-17", DayKind::kNationalHoliday, "Hari Kemerdekaan Republik Indonesia"},
    {"2026-08-25", DayKind::kNationalHoliday, "Maulid Nabi Muhammad SAW"},
    {"2026-12-24", DayKind::kCutiBersama, "Cuti bersama Hari Raya Natal"},
    {"2026-12-25", DayKind::kNationalHoliday, "Hari Raya Natal"},
};
}  // namespace

std::string_view DayKindName(DayKind k) {
    switch (k) {
        case DayKind::kNationalHoliday:
            return "libur_nasional";
        case DayKind::kCutiBersama:
            return "cuti_bersama";
        case DayKind::kRegionalHoliday:
            return "libur_daerah";
        case DayKind::kWorkingDay:
            return "hari_kerja";
    }
    return "hari_kerja";
}

std::optional<DayKind> DayKindFromName(std::string_view name) {
    for (DayKind k :
         {DayKind::kNationalHoliday, DayKind::kCutiBersama, DayKind::kRegionalHoliday, DayKind::kWorkingDay}) {
        if (DayKindName(k) == name) return k;
    }
    return std::nullopt;
}

const std::vector<CalendarDay>& NationalDays() {
    static const std::vector<CalendarDay> days = [] {
        std::vector<CalendarDay> out;
        for (const Seed& s : kNational) out.push_back({*ParseDate(s.date), s.kind, s.name});
        return out;
    }();
    return days;
}

WorkingDayCalendar::WorkingDayCalendar(const std::vector<CalendarDay>& days, bool cuti_bersama_is_off)
    : cuti_bersama_is_off_(cuti_bersama_is_off) {
    for (const auto& d : days) days_.insert_or_assign(d.date, d);
}

bool WorkingDayCalendar::IsWorkingDay(Date d) const {
    return Reason(d).empty();
}

std::string WorkingDayCalendar::Reason(Date d) const {
    if (auto it = days_.find(d); it != days_.end()) {
        switch (it->second.kind) {
            case DayKind::kWorkingDay:
                return {};  // declared a working day, even on a weekend
            case DayKind::kCutiBersama:
                if (!cuti_bersama_is_off_) break;
                return it->second.name;
            default:
                return it->second.name;
        }
    }
    const weekday wd{d};
    if (wd == Saturday) return "Sabtu";
    if (wd == Sunday) return "Minggu";
    return {};
}

Date WorkingDayCalendar::AddWorkingDays(Date start, int n) const {
    Date d = start;
    while (n > 0) {
        d += days{1};
        if (IsWorkingDay(d)) --n;
    }
    return d;
}

int WorkingDayCalendar::WorkingDaysBetween(Date from, Date to) const {
    int n = 0;
    for (Date d = from + days{1}; d <= to; d += days{1}) {
        if (IsWorkingDay(d)) ++n;
    }
    return n;
}

Result<std::vector<CalendarDay>> TenantDays(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto rows, tx.Query(kTenantDays, tenant));
    std::vector<CalendarDay> out;
    for (const auto& r : rows) {
        const auto date = ParseDate(r.Text(0));
        const auto kind = DayKindFromName(r.Text(1));
        if (date && kind) out.push_back({*date, *kind, r.Text(2)});
    }
    return out;
}

Result<WorkingDayCalendar> LoadCalendar(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto own, TenantDays(tx, tenant));
    SP_ASSIGN(auto setting, tx.QueryOne(kCutiSetting, tenant));
    std::vector<CalendarDay> days = NationalDays();
    days.insert(days.end(), own.begin(), own.end());
    return WorkingDayCalendar(days, !setting || setting->Int(0) != 0);
}

Status SetCutiBersamaOff(store::WriteTx& tx, const store::TenantId& tenant, bool off, int64_t now_ms,
                         const std::string& actor) {
    static constexpr store::TenantSql kSet{"UPDATE tenants SET cuti_bersama_is_off = $2 WHERE code = $1"};
    SP_ASSIGN(auto n, tx.Exec(kSet, tenant, off));
    if (n != 1) return Err(Errc::kNotFound, "no such region");
    events::Event e{"calendar.cuti_bersama_set", actor, "calendar:settings", {}};
    e.payload["cuti_bersama_is_off"] = off;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return Status::Ok();
}

Status SetTenantDay(store::WriteTx& tx, const store::TenantId& tenant, const CalendarDay& day, int64_t now_ms,
                    const std::string& actor) {
    if (day.name.empty() || day.name.size() > 200 || !IsValidUtf8(day.name)) {
        return Err(Errc::kInvalidInput, "name: 1-200 characters", "name");
    }
    const std::string date = FormatDate(day.date);
    SP_TRY(tx.Exec(kUpsert, tenant, date, DayKindName(day.kind), day.name, now_ms));
    events::Event e{"calendar.day_set", actor, "calendar:" + date, {}};
    e.payload["date"] = date;
    e.payload["kind"] = DayKindName(day.kind);
    e.payload["name"] = day.name;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return Status::Ok();
}

Result<std::shared_ptr<const TenantCalendar>> CalendarCache::Get(store::Store& store, const std::string& code,
                                                                 int64_t now_ms) {
    {
        std::lock_guard lock(mu_);
        if (const auto it = entries_.find(code); it != entries_.end() && now_ms - it->second.first < ttl_ms_)
            return it->second.second;
    }
    std::shared_ptr<const TenantCalendar> loaded;
    SP_TRY(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto tenant, FindTenant(tx, code));
        if (!tenant) return Err(Errc::kNotFound, "no such region");
        SP_ASSIGN(auto cal, LoadCalendar(tx, store::TenantId(code)));
        loaded = std::make_shared<const TenantCalendar>(TenantCalendar{*tenant, std::move(cal)});
        return Status::Ok();
    }));
    std::lock_guard lock(mu_);
    entries_[code] = {now_ms, loaded};
    return loaded;
}

void CalendarCache::Invalidate(const std::string& code) {
    std::lock_guard lock(mu_);
    entries_.erase(code);
}

}  // namespace satupintu::region
