#include "region/calendar.hpp"

#include <gtest/gtest.h>

namespace satupintu::region {
namespace {

Date D(const char* s) {
    return *ParseDate(s);
}
std::string Add(const WorkingDayCalendar& c, const char* start, int n) {
    return FormatDate(c.AddWorkingDays(D(start), n));
}

TEST(Calendar, TheExampleFromTheRules) {
    // Friday 2025-08-15 + 3 working days: 08-17 is a Sunday, 08-18 cuti bersama -> Thursday 08-21.
    const WorkingDayCalendar c(NationalDays(), /*cuti_bersama_is_off=*/true);
    EXPECT_EQ(Add(c, "2025-08-15", 3), "2025-08-21");
    EXPECT_EQ(c.Reason(D("2025-08-18")), "Cuti bersama Hari Kemerdekaan");
    EXPECT_EQ(c.Reason(D("2025-08-16")), "Sabtu");
}

TEST(Calendar, CutiBersamaCanCountAsWorking) {
    const WorkingDayCalendar c(NationalDays(), /*cuti_bersama_is_off=*/false);
    EXPECT_EQ(Add(c, "2025-08-15", 3), "2025-08-20");
}

TEST(Calendar, CountsFromTheDayAfterTheStart) {
    const WorkingDayCalendar c(NationalDays(), true);
    EXPECT_EQ(Add(c, "2026-11-23", 0), "2026-11-23");
    EXPECT_EQ(Add(c, "2026-11-23", 1), "2026-11-24");
    EXPECT_EQ(Add(c, "2026-11-27", 1), "2026-11-30") << "Friday + 1 is Monday";
    EXPECT_EQ(Add(c, "2026-11-28", 1), "2026-11-30") << "a Saturday start";
}

TEST(Calendar, IdulFitri2026) {
    // 03-18 CB, 03-19 LN, 03-20 CB, 03-21/22 LN (weekend), 03-23/24 CB: from Tuesday 03-17,
    // the next working day is Wednesday 03-25.
    const WorkingDayCalendar c(NationalDays(), true);
    EXPECT_EQ(Add(c, "2026-03-17", 1), "2026-03-25");
    EXPECT_EQ(c.WorkingDaysBetween(D("2026-03-13"), D("2026-03-27")), 5);
}

TEST(Calendar, RegionalEntriesOverrideTheNationalOnes) {
    std::vector<CalendarDay> days = NationalDays();
    days.push_back({D("2026-11-24"), DayKind::kRegionalHoliday, "Hari Jadi Kabupaten"});
    days.push_back({D("2026-12-24"), DayKind::kWorkingDay, "Masuk kerja"});
    const WorkingDayCalendar c(days, true);
    EXPECT_EQ(Add(c, "2026-11-23", 1), "2026-11-25");
    EXPECT_TRUE(c.IsWorkingDay(D("2026-12-24")));
}

TEST(Calendar, ShipsBothYearsInFull) {
    int ln2025 = 0, cb2025 = 0, ln2026 = 0, cb2026 = 0;
    for (const auto& d : NationalDays()) {
        const bool y25 = FormatDate(d.date).rfind("2025", 0) == 0;
        if (d.kind == DayKind::kNationalHoliday) ++(y25 ? ln2025 : ln2026);
        if (d.kind == DayKind::kCutiBersama) ++(y25 ? cb2025 : cb2026);
    }
    EXPECT_EQ(ln2025, 17);
    EXPECT_EQ(cb2025, 11);
    EXPECT_EQ(ln2026, 17);
    EXPECT_EQ(cb2026, 8);
}

TEST(Calendar, ParsesOnlyRealDates) {
    EXPECT_TRUE(ParseDate("2024-02-29"));
    for (const char* bad : {"2025-02-29", "2025-13-01", "2025-1-01", "20250101", "2025-01-0a", ""}) {
        EXPECT_FALSE(ParseDate(bad)) << bad;
    }
}

}  // namespace
}  // namespace satupintu::region
