// Golden fees from the shipped rules, and the checks a service definition must pass.
#include "permits/spec.hpp"

#include <gtest/gtest.h>

#include "core/messages.hpp"

namespace satupintu::permits {
namespace {

json::object Parse(const char* text) {
    return json::parse(text).as_object();
}

TEST(Fees, FreeAndFixed) {
    const taxes::TaxParams params;
    FeeRule free;
    EXPECT_EQ(ComputeFee(free, {}, params)->amount, 0);
    FeeRule fixed;
    fixed.type = "fixed";
    fixed.amount = 75'000;
    EXPECT_EQ(ComputeFee(fixed, {}, params)->amount, 75'000);
}

TEST(Fees, TariffTableByBand) {
    // The shipped PBG table: up to 100 m2 Rp10,000/m2; up to 500 Rp15,000/m2; above Rp20,000/m2.
    FeeRule t;
    t.type = "tariff";
    t.field = "luas_m2";
    t.table = {{100, 0, 10'000}, {500, 0, 15'000}, {std::nullopt, 0, 20'000}};
    const taxes::TaxParams params;
    EXPECT_EQ(ComputeFee(t, Parse(R"({"luas_m2":"36"})"), params)->amount, 360'000);
    EXPECT_EQ(ComputeFee(t, Parse(R"({"luas_m2":"100"})"), params)->amount, 1'000'000);
    EXPECT_EQ(ComputeFee(t, Parse(R"({"luas_m2":"101"})"), params)->amount, 1'515'000);
    EXPECT_EQ(ComputeFee(t, Parse(R"({"luas_m2":"1200"})"), params)->amount, 24'000'000);
    EXPECT_FALSE(ComputeFee(t, Parse(R"({"luas_m2":"12.5"})"), params));
    EXPECT_FALSE(ComputeFee(t, Parse(R"({})"), params));
}

TEST(Fees, Formulas) {
    const taxes::TaxParams params;
    FeeRule reklame;
    reklame.type = "formula";
    reklame.formula = "reklame";
    reklame.inputs = Parse(R"({"area_m2":"luas","days":"hari"})");
    reklame.nsr_per_m2_day = 2'500;
    reklame.rate_ppm = 250'000;
    // 25% x (8 m2 x 30 days x Rp2,500) = 25% x 600,000 = 150,000
    EXPECT_EQ(ComputeFee(reklame, Parse(R"({"luas":"8","hari":"30"})"), params)->amount, 150'000);
    // 25% x (3 x 7 x 2,500 = 52,500) = 13,125
    EXPECT_EQ(ComputeFee(reklame, Parse(R"({"luas":"3","hari":"7"})"), params)->amount, 13'125);
    EXPECT_FALSE(ComputeFee(reklame, Parse(R"({"luas":"0","hari":"7"})"), params));

    FeeRule bphtb;
    bphtb.type = "formula";
    bphtb.formula = "bphtb";
    bphtb.inputs = Parse(R"({"price":"harga","njop":"njop","acquisition":"perolehan"})");
    EXPECT_EQ(
        ComputeFee(bphtb, Parse(R"({"harga":"500000000","njop":"400000000","perolehan":"purchase"})"), params)->amount,
        21'000'000);
    EXPECT_EQ(ComputeFee(bphtb, Parse(R"({"njop":"350000000","perolehan":"inheritance"})"), params)->amount, 2'500'000);

    FeeRule pbb;
    pbb.type = "formula";
    pbb.formula = "pbb-p2";
    pbb.inputs = Parse(R"({"njop":"njop"})");
    EXPECT_EQ(ComputeFee(pbb, Parse(R"({"njop":"1000000000"})"), params)->amount, 792'000);
}

// A minimal valid service, then one thing broken at a time.
json::object Valid() {
    json::object standard;
    for (const char* c : kStandardComponents) standard[c] = "ada";
    return {{"standard", standard},
            {"form", json::parse(R"([{"code":"nama","label":"Nama","type":"text","required":true},
                                     {"code":"luas","label":"Luas","type":"number","required":true}])")},
            {"steps", json::parse(R"([{"code":"cek","label":"Cek","role":"verifier","decisions":["approve","return"]},
                                      {"code":"bayar","label":"Bayar","bill":true},
                                      {"code":"ok","label":"Setuju","role":"opd_head","decisions":["approve"],
                                       "issues_document":true}])")},
            {"fee", json::parse(R"({"type":"tariff","field":"luas","table":[{"per_unit":1000}]})")},
            {"document", json::parse(R"({"title":"IZIN","classification":"500","unit":"DPMPTSP",
                                         "signer_title":"Kepala","fields":[{"label":"Nama","from":"nama"}]})")}};
}

TEST(Spec, AValidServiceParses) {
    auto spec = ParseSpec(Valid());
    ASSERT_TRUE(spec) << spec.error().detail;
    EXPECT_EQ(spec->steps.size(), 3u);
    EXPECT_TRUE(spec->steps[1].bill);
    EXPECT_EQ(spec->fee.table.size(), 1u);
}

TEST(Spec, EveryBrokenPartIsNamed) {
    auto expect_field = [](json::object o, const std::string& field) {
        auto r = ParseSpec(o);
        ASSERT_FALSE(r) << field;
        EXPECT_EQ(r.error().field, field) << r.error().detail;
    };
    auto o = Valid();
    o["standard"].as_object().erase("evaluasi");
    expect_field(o, "spec.standard.evaluasi");
    o = Valid();
    o["fee"] = Parse(R"({"type":"free"})");
    expect_field(o, "spec.fee");  // a payment step with no fee
    o = Valid();
    o["fee"] = Parse(R"({"type":"tariff","field":"nope","table":[{"per_unit":1}]})");
    expect_field(o, "spec.fee.field");
    o = Valid();
    o["fee"] = Parse(R"({"type":"formula","formula":"reklame","nsr_per_m2_day":1000,"rate_ppm":300000})");
    expect_field(o, "fee.rate_ppm");  // billboard tax is at most 25%
    o = Valid();
    o["steps"].as_array()[0].as_object()["role"] = "citizen";
    expect_field(o, "spec.steps");
    o = Valid();
    o["document"].as_object()["fields"] = json::parse(R"([{"label":"X","from":"missing"}])");
    expect_field(o, "spec.document.fields");
    o = Valid();
    o["form"].as_array().push_back(json::parse(R"({"code":"nama","label":"Lagi","type":"text"})"));
    expect_field(o, "spec.form");
    o = Valid();
    o["form"].as_array().push_back(json::parse(R"({"code":"akhir","label":"Akhir","type":"date","after":"nama"})"));
    expect_field(o, "spec.form");  // "after" names a date field
}

// Issue 14: a research letter accepted an end date before its start.
TEST(Answers, AnEndIsNotBeforeItsStart) {
    auto o = Valid();
    o["form"].as_array().push_back(json::parse(R"({"code":"mulai","label":"Tanggal mulai","type":"date"})"));
    o["form"].as_array().push_back(
        json::parse(R"({"code":"selesai","label":"Tanggal selesai","type":"date","after":"mulai"})"));
    auto spec = ParseSpec(o);
    ASSERT_TRUE(spec) << spec.error().detail;
    auto area = [](const std::string&) { return true; };
    const auto answers = [](const char* start, const char* end) {
        return Parse(
            (std::string(R"({"nama":"A","luas":"1","mulai":")") + start + R"(","selesai":")" + end + R"("})").c_str());
    };
    EXPECT_TRUE(CheckAnswers(*spec, answers("2026-12-01", "2027-02-01"), {}, true, "2026-11-25", area));
    EXPECT_TRUE(CheckAnswers(*spec, answers("2026-12-01", "2026-12-01"), {}, true, "2026-11-25", area));
    auto before = CheckAnswers(*spec, answers("2026-12-01", "2026-11-30"), {}, true, "2026-11-25", area);
    ASSERT_FALSE(before);
    EXPECT_EQ(before.error().field, "answers.selesai");
    ASSERT_EQ(before.error().problems.size(), 1u);
    const auto& p = before.error().problems[0];
    EXPECT_EQ(Format(p.key, Lang::kId, p.params), "Tanggal selesai tidak boleh sebelum Tanggal mulai.");
}

TEST(Answers, FormChecks) {
    auto spec = *ParseSpec(Valid());
    auto area = [](const std::string&) { return true; };
    EXPECT_TRUE(CheckAnswers(spec, Parse(R"({"nama":"A","luas":"10"})"), {}, true, "2026-11-25", area));
    EXPECT_FALSE(CheckAnswers(spec, Parse(R"({"nama":"A"})"), {}, true, "2026-11-25", area));  // required
    EXPECT_TRUE(CheckAnswers(spec, Parse(R"({"nama":"A"})"), {}, false, "2026-11-25", area));  // a draft
    EXPECT_FALSE(CheckAnswers(spec, Parse(R"({"nama":"A","luas":"-1"})"), {}, true, "2026-11-25", area));
    EXPECT_FALSE(CheckAnswers(spec, Parse(R"({"nama":"A","luas":"1","x":"y"})"), {}, true, "2026-11-25", area));
    EXPECT_FALSE(CheckAnswers(spec, Parse(R"({"nama":1,"luas":"1"})"), {}, true, "2026-11-25", area));
    EXPECT_FALSE(CheckAnswers(spec, Parse(R"({"nama":"A","luas":"1"})"), Parse(R"({"ktp":"x"})"), true, "2026-11-25",
                              area));  // not a document of this service
}

}  // namespace
}  // namespace satupintu::permits
