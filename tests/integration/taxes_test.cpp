// Local-tax calculators and parameters through the whole server, on the store under test.
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class TaxTest : public ApiTest {
  protected:
    static HttpResult PutParams(const Session& s, const std::string& body) {
        Headers h = s.AuthHeaders();
        h.Add("Content-Type", "application/json");
        return Request(port(), "PUT", "/api/v1/tax-parameters", body, h);
    }
};

TEST_F(TaxTest, CalculatorsUseTheDemoRegionParameters) {
    auto r = Get(port(), "/api/v1/regions/36.04/calculators/pbb-p2?njop=1000000000");
    ASSERT_EQ(r.status, 200) << r.body;
    auto b = Body(r).as_object();
    EXPECT_EQ(b.at("amount").as_int64(), 792'000);
    EXPECT_EQ(b.at("tax").as_string(), "pbb-p2");
    EXPECT_EQ(b.at("parameters").at("pbb_p2").at("njoptkp").as_int64(), 10'000'000);
    EXPECT_EQ(b.at("parameters").at("pbb_p2").at("assessment_ppm").as_int64(), 400'000);
    EXPECT_EQ(b.at("parameters").at("pbb_p2").at("rate_ppm").as_int64(), 2'000);
    EXPECT_NE(b.at("rule").as_string().find("0,2%"), std::string::npos);

    r = Get(port(), "/api/v1/regions/36.04/calculators/bphtb?price=500000000&njop=400000000&acquisition=purchase");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("amount").as_int64(), 21'000'000);
    r = Get(port(), "/api/v1/regions/36.04/calculators/bphtb?price=0&njop=350000000&acquisition=inheritance");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("amount").as_int64(), 2'500'000);
    EXPECT_EQ(Body(r).at("parameters").at("bphtb").at("npoptkp_inheritance").as_int64(), 300'000'000);

    r = Get(port(), "/api/v1/regions/36.04/calculators/penalty?principal=792000&due=2026-08-31&paid=2026-10-01");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("amount").as_int64(), 15'840);
    EXPECT_EQ(Body(r).at("inputs").at("months_late").as_int64(), 2);
}

TEST_F(TaxTest, BadInputIsRefusedWithTheField) {
    const char* bad[][2] = {
        {"/api/v1/regions/36.04/calculators/pbb-p2", "njop"},
        {"/api/v1/regions/36.04/calculators/pbb-p2?njop=-5", "njop"},
        {"/api/v1/regions/36.04/calculators/pbb-p2?njop=1.5e9", "njop"},
        {"/api/v1/regions/36.04/calculators/pbb-p2?njop=1000000000000001", "njop"},
        {"/api/v1/regions/36.04/calculators/pbb-p2?njop=99999999999999999999", "njop"},
        {"/api/v1/regions/36.04/calculators/bphtb", "price"},
        {"/api/v1/regions/36.04/calculators/bphtb?price=1&acquisition=hibah", "acquisition"},
        {"/api/v1/regions/36.04/calculators/penalty?principal=1&due=2026-02-30&paid=2026-03-01", "due"},
    };
    for (const auto& [target, field] : bad) {
        auto r = Get(port(), target);
        EXPECT_EQ(r.status, 400) << target << " " << r.body;
        EXPECT_EQ(r.Header("content-type").rfind("application/problem+json", 0), 0u);
        EXPECT_EQ(Code(r), "invalid_input") << target;
        EXPECT_EQ(Body(r).at("field").as_string(), field) << target;
    }
    EXPECT_EQ(Get(port(), "/api/v1/regions/99.99/calculators/pbb-p2?njop=1").status, 404);
}

TEST_F(TaxTest, AnAdminSetsTheRegionParametersWithinTheLaw) {
    const auto admin = Admin();
    const auto citizen = As("warga");
    const int64_t before = HeadSeq("36.04");
    // Above the legal maximum (0.5%): refused, nothing written.
    auto r = PutParams(admin, R"({"pbb_p2":{"rate_ppm":6000}})");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Body(r).at("field").as_string(), "pbb_p2.rate_ppm");
    EXPECT_EQ(HeadSeq("36.04"), before);
    // A citizen may not change them.
    EXPECT_EQ(PutParams(citizen, R"({"pbb_p2":{"rate_ppm":1000}})").status, 403);

    r = PutParams(admin, R"({"pbb_p2":{"rate_ppm":1000},"legal_basis":"Perda uji 1/2026"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(HeadSeq("36.04"), before + 1);
    r = Get(port(), "/api/v1/regions/36.04/calculators/pbb-p2?njop=1000000000");
    EXPECT_EQ(Body(r).at("amount").as_int64(), 396'000);
    EXPECT_EQ(Body(r).at("legal_basis").as_string(), "Perda uji 1/2026");
    // Another region keeps its own.
    r = Get(port(), "/api/v1/regions/32.16/calculators/pbb-p2?njop=1000000000");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("amount").as_int64(), 792'000);

    ASSERT_EQ(PutParams(admin, "{}").status, 200);  // back to the national defaults
    EXPECT_EQ(Body(Get(port(), "/api/v1/regions/36.04/tax-parameters")).at("pbb_p2").at("rate_ppm").as_int64(), 2'000);
}

}  // namespace
}  // namespace satupintu::testing
