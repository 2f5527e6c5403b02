#include "cases/sla.hpp"

namespace satupintu::cases {

std::string_view StageName(Stage s) {
    switch (s) {
        case Stage::kVerification:
            return "verification";
        case Stage::kFollowUp:
            return "follow_up";
        case Stage::kAutoClose:
            return "auto_close";
        case Stage::kDone:
            return "done";
    }
    return "done";
}

int StageWorkingDays(const catalog::SlaSettings& sla, Stage stage) {
    switch (stage) {
        case Stage::kVerification:
            return sla.verify_days;
        case Stage::kFollowUp:
            return sla.follow_up_days;
        case Stage::kAutoClose:
            return sla.auto_close_days;
        case Stage::kDone:
            return 0;
    }
    return 0;
}

region::Date StageDue(const region::WorkingDayCalendar& cal, const catalog::SlaSettings& sla, Stage stage,
                      region::Date start) {
    return cal.AddWorkingDays(start, StageWorkingDays(sla, stage));
}

region::Date ResumeDue(const region::WorkingDayCalendar& cal, region::Date due, region::Date paused_since,
                       region::Date resumed) {
    return cal.AddWorkingDays(due, cal.WorkingDaysBetween(paused_since, resumed));
}

std::string_view RungName(Rung r) {
    switch (r) {
        case Rung::kNone:
            return "none";
        case Rung::kOfficer:
            return "petugas";
        case Rung::kOpdHead:
            return "kepala_opd";
        case Rung::kInspektorat:
            return "inspektorat";
        case Rung::kExecutive:
            return "pimpinan";
    }
    return "none";
}

std::string_view RungRole(Rung r) {
    switch (r) {
        case Rung::kNone:
            return "";
        case Rung::kOfficer:
            return "officer";
        case Rung::kOpdHead:
            return "opd_head";
        case Rung::kInspektorat:
            return "auditor";
        case Rung::kExecutive:
            return "executive";
    }
    return "";
}

Rung EscalationRung(const region::WorkingDayCalendar& cal, region::Date due, region::Date today) {
    if (!Overdue(due, today)) return Rung::kNone;
    // Calendar days count for the first rung (the deadline passed, whatever the day); later
    // rungs wait for working days so that a long weekend does not skip a rung.
    const int late = cal.WorkingDaysBetween(due, today);
    Rung rung = Rung::kOfficer;
    for (int i = 2; i <= 4; ++i) {
        if (late >= kRungWorkingDaysOverdue[i]) rung = static_cast<Rung>(i);
    }
    return rung;
}

int WorkingDaysLeft(const region::WorkingDayCalendar& cal, region::Date due, region::Date today) {
    return today <= due ? cal.WorkingDaysBetween(today, due) : -cal.WorkingDaysBetween(due, today);
}

}  // namespace satupintu::cases
