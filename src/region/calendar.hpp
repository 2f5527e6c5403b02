// Working-day calendars (hari kerja) for SLA clocks, as in docs rules-id.md.
//
// A working day is Monday-Friday that is neither a national holiday (libur nasional) nor, where
// the region counts it (the default for government offices), a collective leave day (cuti
// bersama). A region may add days of its own or declare a listed day a working day. A deadline
// of n working days from a start date counts from the day after the start.
//
// WorkingDayCalendar is an immutable value: safe to share between threads.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "region/tenants.hpp"
#include "store/store.hpp"

namespace satupintu::region {

using ::satupintu::Date;
using ::satupintu::FormatDate;
using ::satupintu::ParseDate;

enum class DayKind { kNationalHoliday, kCutiBersama, kRegionalHoliday, kWorkingDay };
std::string_view DayKindName(DayKind k);  // libur_nasional, cuti_bersama, libur_daerah, hari_kerja
std::optional<DayKind> DayKindFromName(std::string_view name);

struct CalendarDay {
    Date date;
    DayKind kind;
    std::string name;
};

// The national calendar shipped with SatuPintu (SKB 3 Menteri): 2025 and 2026.
const std::vector<CalendarDay>& NationalDays();

class WorkingDayCalendar {
  public:
    // `days` are applied in order; a later entry for the same date wins (tenant overrides last).
    WorkingDayCalendar(const std::vector<CalendarDay>& days, bool cuti_bersama_is_off);

    bool IsWorkingDay(Date d) const;
    // Why a day is not a working day ("Sabtu", or the holiday's name); empty for working days.
    std::string Reason(Date d) const;
    // The date n >= 0 working days after `start` (counting from the day after).
    Date AddWorkingDays(Date start, int n) const;
    // Working days in (from, to]; 0 when to <= from.
    int WorkingDaysBetween(Date from, Date to) const;

  private:
    std::map<Date, CalendarDay> days_;
    bool cuti_bersama_is_off_;
};

// The calendar of a tenant: the national days, then the tenant's own entries.
Result<WorkingDayCalendar> LoadCalendar(store::ReadTx& tx, const store::TenantId& tenant);
Result<std::vector<CalendarDay>> TenantDays(store::ReadTx& tx, const store::TenantId& tenant);
// Whether the tenant's offices close on cuti bersama days (the default); appends
// "calendar.cuti_bersama_set".
Status SetCutiBersamaOff(store::WriteTx& tx, const store::TenantId& tenant, bool off, int64_t now_ms,
                         const std::string& actor);
// Adds or replaces a tenant's entry for one date; appends "calendar.day_set".
Status SetTenantDay(store::WriteTx& tx, const store::TenantId& tenant, const CalendarDay& day, int64_t now_ms,
                    const std::string& actor);

// A tenant with its calendar, as the case engine needs them on every request.
struct TenantCalendar {
    Tenant tenant;
    WorkingDayCalendar calendar;
};

// Tenants and calendars cached per process for a few seconds (a calendar edit on this node
// invalidates at once; other nodes see it within the TTL). Thread-safe.
class CalendarCache {
  public:
    CalendarCache() = default;
    // kNotFound for an unknown tenant.
    Result<std::shared_ptr<const TenantCalendar>> Get(store::Store& store, const std::string& code, int64_t now_ms);
    void Invalidate(const std::string& code);

  private:
    int64_t ttl_ms_ = 5000;
    std::mutex mu_;
    std::map<std::string, std::pair<int64_t, std::shared_ptr<const TenantCalendar>>> entries_;
};

}  // namespace satupintu::region
