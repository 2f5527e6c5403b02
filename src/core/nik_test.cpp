#include "core/nik.hpp"

#include <gtest/gtest.h>

namespace satupintu {
namespace {

TEST(Nik, ParsesAManWithA20thCenturyBirthYear) {
    auto r = ParseNik("3604051501900003", "2026-11-25");
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(r->district_code, "36.04.05");
    EXPECT_EQ(r->birth_date, "1990-01-15");
    EXPECT_FALSE(r->female);
    EXPECT_EQ(r->serial, 3);
}

TEST(Nik, WomenHave40AddedToTheDay) {
    auto r = ParseNik("3604055501900003", "2026-11-25");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->female);
    EXPECT_EQ(r->birth_date, "1990-01-15");
}

TEST(Nik, TwoDigitYearIs20YYUnlessThatIsInTheFuture) {
    EXPECT_EQ(ParseNik("3604050101100001", "2026-11-25")->birth_date, "2010-01-01");
    EXPECT_EQ(ParseNik("3604052511260001", "2026-11-25")->birth_date, "2026-11-25");
    EXPECT_EQ(ParseNik("3604052611260001", "2026-11-25")->birth_date, "1926-11-26");
    EXPECT_EQ(ParseNik("3604050101300001", "2026-11-25")->birth_date, "1930-01-01");
}

TEST(Nik, RejectsWhatCannotBeANik) {
    for (const char* bad :
         {"360405150190000", "36040515019000031", "36040515019O0003", "3604051501900000", "3604053201900003",
          "3604051513900003", "3604057201900003", "0004051501900003", "3600051501900003", "3604003002900001"}) {
        EXPECT_FALSE(ParseNik(bad, "2026-11-25")) << bad;
    }
    EXPECT_FALSE(ParseNik("3604052902230001", "2026-11-25")) << "2023 is not a leap year";
    EXPECT_TRUE(ParseNik("3604052902240001", "2026-11-25")) << "2024 is";
}

TEST(Nik, UnknownRegionCodesAreStillValid) {
    // 99.99 is no regency today; a NIK is valid for life, so only the shape is checked.
    EXPECT_TRUE(ParseNik("9999991501900003", "2026-11-25"));
}

TEST(Nik, MasksAllButTheFirstAndLastFourDigits) {
    EXPECT_EQ(MaskNik("3604051501900003"), "3604********0003");
    EXPECT_EQ(MaskNik("123"), "***");
}

}  // namespace
}  // namespace satupintu
