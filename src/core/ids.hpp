// Identifiers and time formatting shared by every module.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace satupintu {

// A new random resource id: 20 lowercase base32 characters (100 bits). Unguessable, so ids
// leak nothing about other tenants' volumes.
std::string NewId();

// A civil date (no time, no zone).
using Date = std::chrono::sys_days;
// "YYYY-MM-DD" exactly, and a real date; nullopt otherwise.
std::optional<Date> ParseDate(std::string_view yyyy_mm_dd);
std::string FormatDate(Date d);
// A calendar month "YYYY-MM" as [its first day, the first day of the next month); nullopt if
// malformed. Calendar arithmetic: December 2026 is 2026-12-01 .. 2027-01-01.
std::optional<std::pair<Date, Date>> ParseMonth(std::string_view yyyy_mm);

// A tracking number as people type it (ADU-2026-000042: a prefix of 2 to 12 letters, the year,
// a six-digit serial), upper-cased without spaces; nullopt for anything else.
std::optional<std::string> ParseTrackingNumber(std::string_view typed);

// "2026-01-15T09:30:00.123Z"
std::string IsoUtc(int64_t ms);
// "2026-01-15T16:30:00+07:00" (seconds precision) for a tenant's fixed UTC offset.
std::string IsoWithOffset(int64_t ms, int offset_minutes);
// The civil date "YYYY-MM-DD" of `ms` at the given UTC offset.
std::string CivilDate(int64_t ms, int offset_minutes);
// Milliseconds at 00:00 of `date` ("YYYY-MM-DD") at the given offset; nullopt if malformed.
std::optional<int64_t> StartOfDayMs(const std::string& date, int offset_minutes);
// A W3C datetime (YYYY-MM-DD, or with THH:MM[:SS[.fff]] and Z or +HH:MM) as ms since the epoch;
// a value without a zone is read in `default_offset_minutes`.
std::optional<int64_t> ParseW3cDateTime(std::string_view text, int default_offset_minutes);

}  // namespace satupintu
