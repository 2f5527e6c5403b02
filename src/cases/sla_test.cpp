#include "cases/sla.hpp"

#include <gtest/gtest.h>

namespace satupintu::cases {
namespace {

region::Date D(const char* s) {
    return *ParseDate(s);
}

region::WorkingDayCalendar National() {
    return region::WorkingDayCalendar(region::NationalDays(), true);
}

TEST(Sla, StageDeadlinesFollowTheServiceSettings) {
    const auto cal = National();
    catalog::SlaSettings sla;
    // rules-id.md: from Friday 2025-08-15, 3 working days -> Thursday 2025-08-21.
    EXPECT_EQ(StageDue(cal, sla, Stage::kVerification, D("2025-08-15")), D("2025-08-21"));
    EXPECT_EQ(StageDue(cal, sla, Stage::kFollowUp, D("2025-08-15")), D("2025-08-25"));
    EXPECT_EQ(StageDue(cal, sla, Stage::kAutoClose, D("2025-08-15")), D("2025-09-01"));
    sla.verify_days = 1;  // a per-category override
    EXPECT_EQ(StageDue(cal, sla, Stage::kVerification, D("2025-08-15")), D("2025-08-19"));
}

TEST(Sla, APauseAddsTheWorkingDaysSpentWaiting) {
    const auto cal = National();
    // Paused Tuesday 08-19, resumed Wednesday 08-27: six working days waited.
    EXPECT_EQ(ResumeDue(cal, D("2025-08-25"), D("2025-08-19"), D("2025-08-27")), D("2025-09-02"));
    // Paused and resumed over a weekend: nothing added.
    EXPECT_EQ(ResumeDue(cal, D("2025-08-25"), D("2025-08-23"), D("2025-08-24")), D("2025-08-25"));
}

TEST(Sla, EscalationClimbsTheLadderByWorkingDaysLate) {
    const auto cal = National();
    const auto due = D("2025-08-21");
    EXPECT_EQ(EscalationRung(cal, due, D("2025-08-21")), Rung::kNone);
    EXPECT_EQ(EscalationRung(cal, due, D("2025-08-22")), Rung::kOfficer);
    EXPECT_EQ(EscalationRung(cal, due, D("2025-08-25")), Rung::kOfficer);
    EXPECT_EQ(EscalationRung(cal, due, D("2025-08-26")), Rung::kOpdHead);
    EXPECT_EQ(EscalationRung(cal, due, D("2025-08-29")), Rung::kInspektorat);
    EXPECT_EQ(EscalationRung(cal, due, D("2025-09-05")), Rung::kInspektorat) << "09-05 is a holiday";
    EXPECT_EQ(EscalationRung(cal, due, D("2025-09-08")), Rung::kExecutive);
    EXPECT_EQ(RungRole(Rung::kInspektorat), "auditor");
}

TEST(Sla, CountdownsInWorkingDays) {
    const auto cal = National();
    EXPECT_EQ(WorkingDaysLeft(cal, D("2025-08-21"), D("2025-08-15")), 3);
    EXPECT_EQ(WorkingDaysLeft(cal, D("2025-08-21"), D("2025-08-21")), 0);
    EXPECT_EQ(WorkingDaysLeft(cal, D("2025-08-21"), D("2025-08-25")), -2);
    EXPECT_TRUE(Overdue(D("2025-08-21"), D("2025-08-22")));
    EXPECT_FALSE(Overdue(D("2025-08-21"), D("2025-08-21")));
}

}  // namespace
}  // namespace satupintu::cases
