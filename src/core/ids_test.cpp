#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

namespace satupintu {
namespace {

TEST(Ids, AreUniqueAndSortByCreationTime) {
    std::set<std::string> seen;
    std::string previous = NewId();
    for (int i = 0; i < 20; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const std::string id = NewId();
        EXPECT_EQ(id.size(), 20u);
        EXPECT_TRUE(
            std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }));
        EXPECT_GT(id, previous) << "a later id sorts later";
        previous = id;
    }
    for (int i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(NewId()).second);
}

// Found by tests/fuzz/ids.cpp: an instant past 9999 at some offset could not be written back.
TEST(Ids, W3cDateTimesStayWithinFourDigitYearsEverywhere) {
    EXPECT_FALSE(ParseW3cDateTime("9999-12-31T23:59:59.999-12:00", 420));
    EXPECT_FALSE(ParseW3cDateTime("1899-12-31T23:59:59Z", 420));
    ASSERT_TRUE(ParseW3cDateTime("9998-12-30T23:59:59-12:00", 420));
    EXPECT_TRUE(ParseW3cDateTime(IsoWithOffset(*ParseW3cDateTime("9998-12-30T23:59:59-12:00", 420), 840), 420));
}

TEST(Ids, W3cDateTimesWithAndWithoutZones) {
    const auto day = ParseW3cDateTime("2026-01-15", 420);
    ASSERT_TRUE(day);
    EXPECT_EQ(*ParseW3cDateTime("2026-01-15T09:30:00+07:00", 0), *day + 9 * 3600000 + 30 * 60000);
    EXPECT_EQ(*ParseW3cDateTime("2026-01-15T02:30:00Z", 420), *day + 9 * 3600000 + 30 * 60000);
    EXPECT_EQ(*ParseW3cDateTime("2026-01-15T09:30", 420), *day + 9 * 3600000 + 30 * 60000);
    EXPECT_TRUE(ParseW3cDateTime("2026-01-15T09:30:00.123+0700", 0));
    for (const char* bad : {"yesterday", "2026-13-01", "2026-01-15T25:00", "2026-01-15T09:30+07", "2026-01-15X"})
        EXPECT_FALSE(ParseW3cDateTime(bad, 420)) << bad;
}

}  // namespace
}  // namespace satupintu

namespace satupintu {
namespace {

// Regression: the open-data month window added an average month (30.44 days), so every 31-day
// month ended where it began and its files were empty.
TEST(Dates, AMonthRunsToTheFirstOfTheNextCalendarMonth) {
    const auto range = [](const char* month) {
        const auto r = ParseMonth(month);
        return r ? FormatDate(r->first) + ".." + FormatDate(r->second) : std::string("invalid");
    };
    EXPECT_EQ(range("2026-12"), "2026-12-01..2027-01-01");
    EXPECT_EQ(range("2026-01"), "2026-01-01..2026-02-01");
    EXPECT_EQ(range("2026-02"), "2026-02-01..2026-03-01");
    EXPECT_EQ(range("2028-02"), "2028-02-01..2028-03-01");
    EXPECT_EQ(range("2026-04"), "2026-04-01..2026-05-01");
    EXPECT_EQ(range("2026-13"), "invalid");
    EXPECT_EQ(range("2026-1"), "invalid");
    EXPECT_EQ(range("2026-12-01"), "invalid");
}

TEST(TrackingNumber, AsPeopleTypeIt) {
    EXPECT_EQ(ParseTrackingNumber("ADU-2026-000042"), "ADU-2026-000042");
    EXPECT_EQ(ParseTrackingNumber(" adu-2026-000042 "), "ADU-2026-000042");
    EXPECT_EQ(ParseTrackingNumber("izn - 2026 - 000001"), "IZN-2026-000001");
    EXPECT_EQ(ParseTrackingNumber("A-2026-000042"), std::nullopt) << "a prefix has 2 letters or more";
    EXPECT_EQ(ParseTrackingNumber("ADU-26-000042"), std::nullopt);
    EXPECT_EQ(ParseTrackingNumber("ADU-2026-42"), std::nullopt);
    EXPECT_EQ(ParseTrackingNumber("ADU-2026-00004x"), std::nullopt);
    EXPECT_EQ(ParseTrackingNumber("jalan rusak"), std::nullopt);
    EXPECT_EQ(ParseTrackingNumber(""), std::nullopt);
}

}  // namespace
}  // namespace satupintu
