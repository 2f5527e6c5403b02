// Working-day SLA clocks for cases (rules-id.md, SP4N-LAPOR!): pure functions over a calendar,
// so that every rule is unit-tested with fixed dates.
//
// A case is always in one stage with one deadline: verification (from filing), follow-up (from
// forwarding), auto-close (from resolution). Waiting on the reporter pauses the clock: the
// working days spent waiting are added to the deadline on resumption. A breached deadline
// escalates up a ladder, one rung per threshold of working days overdue.
#pragma once

#include <string_view>

#include "catalog/services.hpp"
#include "region/calendar.hpp"

namespace satupintu::cases {

enum class Stage { kVerification, kFollowUp, kAutoClose, kDone };
std::string_view StageName(Stage s);

// The working days a stage allows, from the service's settings.
int StageWorkingDays(const catalog::SlaSettings& sla, Stage stage);

// The deadline of a stage that starts on `start`.
region::Date StageDue(const region::WorkingDayCalendar& cal, const catalog::SlaSettings& sla, Stage stage,
                      region::Date start);

// The deadline after a pause from `paused_since` to `resumed`: the working days spent waiting
// are added.
region::Date ResumeDue(const region::WorkingDayCalendar& cal, region::Date due, region::Date paused_since,
                       region::Date resumed);

// A deadline is breached on the first day after it.
inline bool Overdue(region::Date due, region::Date today) {
    return today > due;
}

// The escalation ladder. Rung 1 is the officer (the day after the deadline), then the OPD
// head, the Inspektorat, and the regional executive, at the working days overdue below.
enum class Rung { kNone = 0, kOfficer = 1, kOpdHead = 2, kInspektorat = 3, kExecutive = 4 };
inline constexpr int kRungWorkingDaysOverdue[] = {0, 1, 3, 6, 11};
std::string_view RungName(Rung r);  // petugas, kepala_opd, inspektorat, pimpinan
// The role notified at a rung.
std::string_view RungRole(Rung r);

// The rung a stage deadline has reached by `today` (kNone while on time).
Rung EscalationRung(const region::WorkingDayCalendar& cal, region::Date due, region::Date today);

// Working days left until the deadline (negative when overdue), for countdowns.
int WorkingDaysLeft(const region::WorkingDayCalendar& cal, region::Date due, region::Date today);

}  // namespace satupintu::cases
