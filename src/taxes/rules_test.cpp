// Golden figures for the local-tax rules of rules-id.md, with the demo region's parameters
// (which are the national defaults): NJOPTKP Rp10,000,000, 40%, 0.2%; NPOPTKP Rp80,000,000
// (Rp300,000,000 inheritance), 5%; 1% a month, at most 24 months.
#include "taxes/rules.hpp"

#include <gtest/gtest.h>

namespace satupintu::taxes {
namespace {

Date D(const char* s) {
    return *ParseDate(s);
}

TEST(PbbP2, GoldenFigures) {
    const PbbP2Params p;
    // (1,000,000,000 - 10,000,000) x 40% x 0.2% = 792,000
    EXPECT_EQ(PbbP2(p, 1'000'000'000)->amount, 792'000);
    // (250,000,000 - 10,000,000) x 40% x 0.2% = 192,000
    EXPECT_EQ(PbbP2(p, 250'000'000)->amount, 192'000);
    // At or below NJOPTKP nothing is owed.
    EXPECT_EQ(PbbP2(p, 10'000'000)->amount, 0);
    EXPECT_EQ(PbbP2(p, 0)->amount, 0);
    // 10,001,250 -> 1,250 x 0.4 x 0.002 = 1.0 ; 10,001,874 -> 1.4992 -> 1 ; 10,001,875 -> 1.5 -> 2 (half up)
    EXPECT_EQ(PbbP2(p, 10'001'250)->amount, 1);
    EXPECT_EQ(PbbP2(p, 10'001'874)->amount, 1);
    EXPECT_EQ(PbbP2(p, 10'001'875)->amount, 2);
    // The largest NJOP accepted does not overflow: (1e15 - 1e7) x 0.0008 = 799,999,992,000
    EXPECT_EQ(PbbP2(p, kMaxAmount)->amount, 799'999'992'000);
    EXPECT_FALSE(PbbP2(p, kMaxAmount + 1));
    EXPECT_FALSE(PbbP2(p, -1));
}

TEST(PbbP2, ShowsItsWork) {
    const Assessment a = PbbP2(PbbP2Params{}, 1'000'000'000).value();
    ASSERT_EQ(a.steps.size(), 5u);
    EXPECT_EQ(a.steps[2].amount, 990'000'000);  // NJOP - NJOPTKP
    EXPECT_EQ(a.steps[3].amount, 396'000'000);  // 40%
    EXPECT_NE(a.rule.find("0,2%"), std::string::npos) << a.rule;
    EXPECT_NE(a.rule.find("Rp10.000.000"), std::string::npos) << a.rule;
}

TEST(PbbP2, OtherParameters) {
    PbbP2Params p;
    p.njoptkp = 15'000'000;
    p.assessment_ppm = 1'000'000;  // 100%
    p.rate_ppm = 3'000;            // 0.3%
    // (100,000,000 - 15,000,000) x 0.3% = 255,000
    EXPECT_EQ(PbbP2(p, 100'000'000)->amount, 255'000);
}

TEST(Bphtb, Purchase) {
    const BphtbParams p;
    // NPOP = price 500,000,000 (above NJOP); (500,000,000 - 80,000,000) x 5% = 21,000,000
    EXPECT_EQ(Bphtb(p, 500'000'000, 400'000'000, Acquisition::kPurchase)->amount, 21'000'000);
    // A price below the NJOP: the NJOP is used. (400,000,000 - 80,000,000) x 5% = 16,000,000
    EXPECT_EQ(Bphtb(p, 300'000'000, 400'000'000, Acquisition::kPurchase)->amount, 16'000'000);
    // Unknown price (0): the NJOP.
    EXPECT_EQ(Bphtb(p, 0, 180'000'000, Acquisition::kPurchase)->amount, 5'000'000);
    // Under the threshold: nothing.
    EXPECT_EQ(Bphtb(p, 80'000'000, 0, Acquisition::kPurchase)->amount, 0);
    // 80,000,010 -> 10 x 5% = 0.5 -> 1 (half up)
    EXPECT_EQ(Bphtb(p, 80'000'010, 0, Acquisition::kPurchase)->amount, 1);
}

TEST(Bphtb, InheritanceHasTheHigherThreshold) {
    const BphtbParams p;
    // (350,000,000 - 300,000,000) x 5% = 2,500,000
    EXPECT_EQ(Bphtb(p, 0, 350'000'000, Acquisition::kInheritance)->amount, 2'500'000);
    EXPECT_EQ(Bphtb(p, 0, 300'000'000, Acquisition::kInheritance)->amount, 0);
    // The same property bought: (350,000,000 - 80,000,000) x 5% = 13,500,000
    EXPECT_EQ(Bphtb(p, 0, 350'000'000, Acquisition::kPurchase)->amount, 13'500'000);
    EXPECT_EQ(AcquisitionFromName("inheritance"), Acquisition::kInheritance);
    EXPECT_FALSE(AcquisitionFromName("hibah"));
}

TEST(Penalty, StartedMonthsCountWhole) {
    EXPECT_EQ(MonthsLate(D("2026-08-31"), D("2026-08-31")), 0);
    EXPECT_EQ(MonthsLate(D("2026-08-31"), D("2026-08-01")), 0);
    EXPECT_EQ(MonthsLate(D("2026-08-31"), D("2026-09-01")), 1);  // one day late
    EXPECT_EQ(MonthsLate(D("2026-08-31"), D("2026-09-30")), 1);  // Aug 31 + 1 month = Sep 30
    EXPECT_EQ(MonthsLate(D("2026-08-31"), D("2026-10-01")), 2);
    EXPECT_EQ(MonthsLate(D("2026-01-15"), D("2026-02-15")), 1);
    EXPECT_EQ(MonthsLate(D("2026-01-15"), D("2026-02-16")), 2);
    EXPECT_EQ(MonthsLate(D("2024-01-31"), D("2024-02-29")), 1);  // leap year clamp
    EXPECT_EQ(MonthsLate(D("2025-12-31"), D("2026-01-31")), 1);  // across a year
    EXPECT_EQ(MonthsLate(D("2020-06-30"), D("2026-06-30")), 72);
}

TEST(Penalty, OnePercentAMonthAtMostTwentyFour) {
    const PenaltyParams p;
    EXPECT_EQ(Penalty(p, 792'000, 0)->amount, 0);
    EXPECT_EQ(Penalty(p, 792'000, 1)->amount, 7'920);
    EXPECT_EQ(Penalty(p, 792'000, 3)->amount, 23'760);
    EXPECT_EQ(Penalty(p, 792'000, 24)->amount, 190'080);
    EXPECT_EQ(Penalty(p, 792'000, 72)->amount, 190'080);  // capped
    // 1% of 150 = 1.5 -> 2 (half up); of 149 -> 1.49 -> 1
    EXPECT_EQ(Penalty(p, 150, 1)->amount, 2);
    EXPECT_EQ(Penalty(p, 149, 1)->amount, 1);
    EXPECT_FALSE(Penalty(p, 1000, -1));
}

TEST(Params, BoundsOfTheLaw) {
    TaxParams p;
    EXPECT_TRUE(Validate(p));
    p.pbb.njoptkp = 9'999'999;
    EXPECT_EQ(Validate(p).error().field, "pbb_p2.njoptkp");
    p = {};
    p.pbb.rate_ppm = 5'001;  // above 0.5%
    EXPECT_EQ(Validate(p).error().field, "pbb_p2.rate_ppm");
    p = {};
    p.pbb.assessment_ppm = 199'999;
    EXPECT_FALSE(Validate(p));
    p = {};
    p.bphtb.rate_ppm = 50'001;  // above 5%
    EXPECT_EQ(Validate(p).error().field, "bphtb.rate_ppm");
    p = {};
    p.bphtb.npoptkp_inheritance = 299'999'999;
    EXPECT_FALSE(Validate(p));
}

TEST(Params, JsonRoundTripAndDefaults) {
    TaxParams p;
    p.pbb.rate_ppm = 1'000;
    p.legal_basis = "Perda Kab. Serang 1/2024";
    const auto back = ParamsFromJson(ParamsJson(p));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->pbb.rate_ppm, 1'000);
    EXPECT_EQ(back->bphtb.rate_ppm, 50'000);
    EXPECT_EQ(back->legal_basis, p.legal_basis);
    // Missing keys keep the defaults; wrong types and out-of-bounds values are refused.
    EXPECT_EQ(ParamsFromJson(json::object{})->pbb.njoptkp, 10'000'000);
    EXPECT_FALSE(ParamsFromJson(json::parse(R"({"pbb_p2":{"rate_ppm":"0.2"}})").as_object()));
    EXPECT_FALSE(ParamsFromJson(json::parse(R"({"pbb_p2":{"rate_ppm":0.002}})").as_object()));
    EXPECT_FALSE(ParamsFromJson(json::parse(R"({"bphtb":{"rate_ppm":60000}})").as_object()));
}

TEST(Money, Formatting) {
    EXPECT_EQ(FormatRupiah(0), "Rp0");
    EXPECT_EQ(FormatRupiah(999), "Rp999");
    EXPECT_EQ(FormatRupiah(1'000), "Rp1.000");
    EXPECT_EQ(FormatRupiah(21'000'000), "Rp21.000.000");
    EXPECT_EQ(ApplyPpm(1'000'000'000'000'000, 50'000), 50'000'000'000'000);
}

}  // namespace
}  // namespace satupintu::taxes
