// Onboarding regions (issue 15) through the platform operator's API, on a running server: a
// province of 27 regencies and cities in one call, each then serving its catalog, calendar and
// Open311 services; its admins start from a first-login link; tenants stay apart; a bad code
// writes nothing; a disabled region stops being served and keeps its data.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "identity/api_keys.hpp"
#include "region/tenants.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class OnboardingTest : public ApiTest {
  protected:
    static void SetUpTestSuite() {
        ApiTest::SetUpTestSuite();
        EXPECT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(auto key, identity::CreatePlatformKey(tx, "operator of the test", 1));
            platform_key_ = key.key;
            return Status::Ok();
        }));
    }

    static Headers Operator() {
        Headers h;
        h.Add("Authorization", "Bearer " + platform_key_);
        return h;
    }
    static HttpResult Onboard(const std::string& code, const std::string& email = "admin+{code}@jabarprov.go.id") {
        return PostJson(port(), "/api/v1/platform/regions",
                        json::serialize(json::object{{"code", code}, {"admin_email", email}}), Operator());
    }
    static int TenantCount() {
        std::vector<region::TenantRecord> all;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            SP_ASSIGN(all, region::ListTenantRecords(tx));
            return Status::Ok();
        }));
        return static_cast<int>(all.size());
    }
    // Sets the admin's password through the first-login link and signs in.
    static Session FirstLogin(const json::object& region, const std::string& password) {
        const std::string link(region.at("admin_first_login_link").as_string());
        std::smatch m;
        const std::regex shape(R"(/lupa-sandi\?region=([0-9.]+)&token=([A-Za-z0-9_-]+)$)");
        EXPECT_TRUE(std::regex_search(link, m, shape)) << link;
        const std::string code = m[1], token = m[2];
        auto set = PostJson(port(), "/api/v1/auth/password-reset/confirm",
                            json::serialize(json::object{{"region", code}, {"token", token}, {"password", password}}));
        EXPECT_EQ(set.status, 200) << set.body;
        return Login(port(), code, std::string(region.at("admin_email").as_string()), password);
    }

    static inline std::string platform_key_;
};

TEST_F(OnboardingTest, AProvinceOfTwentySevenRegionsServesEachCatalogCalendarAndOpen311Services) {
    auto r = Onboard("32");
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value answer = Body(r);
    const auto& regions = answer.at("regions").as_array();
    ASSERT_EQ(regions.size(), 28u) << "the province's own tenant and its 27 regions";
    EXPECT_EQ(regions.at(0).at("code").as_string(), "32");
    EXPECT_EQ(regions.at(0).at("kind").as_string(), "provinsi");
    EXPECT_EQ(regions.at(0).at("admin_email").as_string(), "admin+32@jabarprov.go.id");
    std::set<std::string> templates;
    for (const auto& v : regions) {
        const auto& o = v.as_object();
        const std::string code(o.at("code").as_string());
        if (code == "32") continue;
        templates.emplace(o.at("opd_template").as_string());
        // Bekasi (32.16) was there before (the suite's second region, with its own admin).
        if (code == "32.16") {
            EXPECT_FALSE(o.at("created").as_bool());
            EXPECT_TRUE(o.at("admin_first_login_link").is_null());
            continue;
        }
        EXPECT_TRUE(o.at("created").as_bool()) << code;
        EXPECT_GT(o.at("kecamatan").as_int64(), 0) << code;
        EXPECT_GT(o.at("desa").as_int64(), o.at("kecamatan").as_int64()) << code;
        EXPECT_EQ(o.at("added").at("complaint_categories").as_int64(), 14) << code;
        EXPECT_EQ(o.at("admin_email").as_string(),
                  "admin+" + code.substr(0, 2) + code.substr(3, 2) + "@jabarprov.go.id");
        EXPECT_TRUE(o.at("admin_first_login_link").is_string()) << code;

        // Served: the catalog, the calendar and the Open311 services of every region.
        auto open311 = Get(port(), "/open311/v2/services.json?jurisdiction_id=" + code);
        ASSERT_EQ(open311.status, 200) << code << " " << open311.body;
        EXPECT_EQ(Body(open311).as_array().size(), 14u) << code;
        auto catalog = Get(port(), "/api/v1/regions/" + code + "/services");
        ASSERT_EQ(catalog.status, 200) << code << " " << catalog.body;
        EXPECT_NE(catalog.body.find("REKOM-PENELITIAN"), std::string::npos) << code;
        auto calendar = Get(port(), "/api/v1/regions/" + code + "/calendar?year=2026");
        ASSERT_EQ(calendar.status, 200) << code << " " << calendar.body;
        auto deadline = Get(port(), "/api/v1/regions/" + code + "/calendar/deadline?start=2026-12-23&working_days=3");
        ASSERT_EQ(deadline.status, 200) << code << " " << deadline.body;
    }
    // Region type and size choose the OPD structure.
    EXPECT_EQ(templates, (std::set<std::string>{"kabupaten", "kota", "kota-kecil"}));

    // Again: nothing new, no second admin, no link.
    const int64_t seq = HeadSeq("32.04");
    auto again = Onboard("32");
    ASSERT_EQ(again.status, 200) << again.body;
    const json::value again_body = Body(again);
    for (const auto& v : again_body.at("regions").as_array()) {
        EXPECT_FALSE(v.at("created").as_bool());
        EXPECT_EQ(v.at("added").at("opds").as_int64(), 0);
        EXPECT_TRUE(v.at("admin_first_login_link").is_null());
    }
    EXPECT_EQ(HeadSeq("32.04"), seq);
}

// The province tier (issue 15): Banten's staff publish a template; Kabupaten Serang adopts it with
// its own OPD and SLA; a new version changes nothing until Serang accepts it, its parameters
// carried over; the province sees who adopted what and drills into Serang's figures, never a
// person; neither side reaches the other's routes.
TEST_F(OnboardingTest, AProvincePublishesTemplatesItsRegionsAdoptWithTheirOwnParameters) {
    auto r = Onboard("36", "admin+{code}@bantenprov.go.id");
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value onboarded = Body(r);
    const auto& province_entry = onboarded.at("regions").at(0).as_object();
    ASSERT_EQ(province_entry.at("code").as_string(), "36");
    const Session province = FirstLogin(province_entry, "Sandi-Provinsi-Banten-01");
    const Session serang = Login(port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
    const auto put = [&](const json::object& t, const Session& who) {
        Headers h = who.AuthHeaders();
        h.Add("Content-Type", "application/json");
        return Request(port(), "PUT", "/api/v1/province/templates", json::serialize(t), h);
    };
    json::object lamp{{"code", "PJU-MATI"},
                      {"kind", "complaint"},
                      {"name", "Lampu penerangan jalan mati"},
                      {"opd_code", "DISHUB"},
                      {"note", "Kategori bersama se-Banten"},
                      {"description", "Lampu jalan umum padam atau berkedip."},
                      {"sla", {{"verify_days", 2}, {"follow_up_days", 5}}}};

    // Bad templates: refused, nothing published.
    json::object bad_kind = lamp;
    bad_kind["kind"] = "pajak";
    EXPECT_EQ(put(bad_kind, province).status, 400);
    json::object bad_sla = lamp;
    bad_sla["sla"] = json::object{{"follow_up_days", 0}};
    EXPECT_EQ(put(bad_sla, province).status, 400);
    EXPECT_EQ(put(lamp, serang).status, 403) << "a regency's admin publishes no template";
    auto none = Get(port(), "/api/v1/province/templates", province.AuthHeaders());
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_TRUE(Body(none).at("templates").as_array().empty());

    auto v1 = put(lamp, province);
    ASSERT_EQ(v1.status, 200) << v1.body;
    EXPECT_EQ(Body(v1).at("version").as_int64(), 1);
    EXPECT_EQ(Body(put(lamp, province)).at("version").as_int64(), 1) << "the same template again is no new version";

    // Serang sees it, not yet adopted, and adopts it with its own OPD and a longer follow-up.
    const auto offered = [&] {
        auto got = Get(port(), "/api/v1/templates", serang.AuthHeaders());
        EXPECT_EQ(got.status, 200) << got.body;
        const json::value body = Body(got);
        for (const auto& t : body.at("templates").as_array())
            if (t.at("code") == "PJU-MATI") return t.as_object();
        ADD_FAILURE() << got.body;
        return json::object{};
    };
    EXPECT_TRUE(offered().at("adopted_version").is_null());
    const auto accept = [&](int64_t version, const json::object& params) {
        return PostJson(port(), "/api/v1/templates/PJU-MATI/accept",
                        json::serialize(json::object{{"version", version}, {"params", params}}), serang.AuthHeaders());
    };
    EXPECT_EQ(accept(2, {}).status, 409) << "no version 2 yet";
    EXPECT_EQ(accept(1, {{"opd_code", "TIDAK-ADA"}}).status, 400);
    EXPECT_EQ(accept(1, {{"tarif", 5}}).status, 400) << "an unknown parameter";
    auto open311 = Get(port(), "/open311/v2/services.json?jurisdiction_id=36.04");
    EXPECT_EQ(open311.body.find("PJU-MATI"), std::string::npos) << "nothing adopted by the refusals";
    auto adopted = accept(1, {{"opd_code", "PUPR"}, {"sla", {{"follow_up_days", 7}}}});
    ASSERT_EQ(adopted.status, 200) << adopted.body;
    EXPECT_EQ(Body(adopted).at("sla").at("follow_up_days").as_int64(), 7);
    EXPECT_EQ(Body(adopted).at("sla").at("verify_days").as_int64(), 2) << "the province's own setting";
    open311 = Get(port(), "/open311/v2/services.json?jurisdiction_id=36.04");
    EXPECT_NE(open311.body.find("Lampu penerangan jalan mati"), std::string::npos) << open311.body;

    // Version 2: nothing changes in Serang until its admin accepts; its parameters carry over.
    lamp["name"] = "Lampu jalan mati atau rusak";
    lamp["note"] = "Nama diperluas";
    auto v2 = put(lamp, province);
    ASSERT_EQ(v2.status, 200) << v2.body;
    EXPECT_EQ(Body(v2).at("version").as_int64(), 2);
    EXPECT_TRUE(offered().at("update_pending").as_bool());
    EXPECT_EQ(offered().at("adopted_version").as_int64(), 1);
    open311 = Get(port(), "/open311/v2/services.json?jurisdiction_id=36.04");
    EXPECT_EQ(open311.body.find("Lampu jalan mati atau rusak"), std::string::npos);
    EXPECT_EQ(accept(1, {}).status, 409) << "version 2 is current";
    auto updated = accept(2, {});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(Body(updated).at("sla").at("follow_up_days").as_int64(), 7) << "Serang's own follow-up, kept";
    EXPECT_FALSE(offered().at("update_pending").as_bool());
    open311 = Get(port(), "/open311/v2/services.json?jurisdiction_id=36.04");
    EXPECT_NE(open311.body.find("Lampu jalan mati atau rusak"), std::string::npos);

    // A permit template: PBG as shipped, adopted with Serang's own tariff from its Perda.
    json::object pbg;
    {
        std::ifstream in(server_->app().api().share_dir + "/catalog/permits.json");
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        const json::value shipped = json::parse(text);
        for (const auto& s : shipped.at("services").as_array())
            if (s.at("code") == "PBG") pbg = s.as_object();
    }
    ASSERT_FALSE(pbg.empty());
    pbg["kind"] = "permit";
    pbg["note"] = "PBG seragam se-Banten";
    json::object bad_spec = pbg;
    bad_spec["spec"].as_object()["fee"] = json::object{{"type", "tidak-ada"}};
    EXPECT_EQ(put(bad_spec, province).status, 400) << "a permit's spec is checked when published";
    auto pbg_v1 = put(pbg, province);
    ASSERT_EQ(pbg_v1.status, 200) << pbg_v1.body;
    const json::object serang_tariff{
        {"type", "tariff"}, {"field", "luas_m2"}, {"table", json::array{json::object{{"per_unit", 12500}}}}};
    auto pbg_adopted = PostJson(port(), "/api/v1/templates/PBG/accept",
                                json::serialize(json::object{{"version", 1}, {"params", {{"fee", serang_tariff}}}}),
                                serang.AuthHeaders());
    ASSERT_EQ(pbg_adopted.status, 200) << pbg_adopted.body;
    auto services = Get(port(), "/api/v1/regions/36.04/services");
    ASSERT_EQ(services.status, 200);
    const json::value catalog = Body(services);
    bool seen = false;
    for (const auto& s : catalog.at("services").as_array()) {
        if (s.at("code") != "PBG") continue;
        seen = true;
        EXPECT_EQ(s.at("fee").at("table").at(0).at("per_unit").as_int64(), 12500)
            << "Serang's Perda, not the template's";
    }
    EXPECT_TRUE(seen) << services.body;

    // The province sees who adopted which version, and drills into Serang: counts, no person.
    auto list = Get(port(), "/api/v1/province/templates", province.AuthHeaders());
    ASSERT_EQ(list.status, 200) << list.body;
    const json::value listed = Body(list);
    const auto& by = listed.at("templates").at(1).at("adopted_by").as_array();  // PBG, PJU-MATI by code
    ASSERT_EQ(by.size(), 1u) << list.body;
    EXPECT_EQ(by.at(0).at("region").as_string(), "36.04");
    EXPECT_EQ(by.at(0).at("version").as_int64(), 2);
    auto drill = Get(port(), "/api/v1/province/regions/36.04", province.AuthHeaders());
    ASSERT_EQ(drill.status, 200) << drill.body;
    int64_t filed = 0;
    const json::value drilled = Body(drill);
    for (const auto& s : drilled.at("services").as_array()) {
        filed += s.at("filed").as_int64();
        if (s.at("code") == "PJU-MATI") {
            EXPECT_EQ(s.at("template_version").as_int64(), 2);
        }
    }
    EXPECT_GT(filed, 0) << "the demo's complaints, counted";
    EXPECT_EQ(drill.body.find('@'), std::string::npos) << "no email, no person: " << drill.body;
    EXPECT_EQ(Get(port(), "/api/v1/province/regions/32.04", province.AuthHeaders()).status, 404)
        << "another province's region";
    EXPECT_EQ(Get(port(), "/api/v1/province/regions/36.04", serang.AuthHeaders()).status, 403);
    EXPECT_EQ(Get(port(), "/api/v1/templates", province.AuthHeaders()).status, 403);
    // The roll-up lists Banten's regions, not the province's own tenant.
    auto rollup = Get(port(), "/api/v1/rollup?province=36");
    ASSERT_EQ(rollup.status, 200);
    EXPECT_EQ(rollup.body.find("\"code\":\"36\""), std::string::npos) << rollup.body;
}

TEST_F(OnboardingTest, TwoOnboardedRegionsStartFromTheirLinksAndNeverSeeEachOther) {
    // Kota Semarang and Kabupaten Semarang, onboarded one by one.
    auto made = Onboard("33.74", "kominfo@semarangkota.go.id");
    ASSERT_EQ(made.status, 201) << made.body;
    const json::value kota_body = Body(made);
    const auto& semarang_kota = kota_body.at("regions").at(0).as_object();
    auto made2 = Onboard("33.22", "kominfo@semarangkab.go.id");
    ASSERT_EQ(made2.status, 201) << made2.body;
    const json::value kab_body = Body(made2);
    const auto& kabupaten = kab_body.at("regions").at(0).as_object();

    Session kota = FirstLogin(semarang_kota, "Sandi-Admin-Kota-01");
    Session kab = FirstLogin(kabupaten, "Sandi-Admin-Kab-01");
    // The link works once.
    auto reused =
        PostJson(port(), "/api/v1/auth/password-reset/confirm",
                 json::serialize(json::object{
                     {"region", "33.74"},
                     {"token", std::regex_replace(std::string(semarang_kota.at("admin_first_login_link").as_string()),
                                                  std::regex(".*token="), "")},
                     {"password", "Sandi-Lain-Sekali-02"}}));
    EXPECT_EQ(reused.status, 404) << reused.body;

    // The kota's structure is a kota's: no village office, a food-and-agriculture office.
    auto opds = Get(port(), "/api/v1/opds", kota.AuthHeaders());
    ASSERT_EQ(opds.status, 200) << opds.body;
    EXPECT_EQ(opds.body.find("\"DPMD\""), std::string::npos);
    EXPECT_NE(opds.body.find("\"DKPP\""), std::string::npos);
    EXPECT_NE(opds.body.find("\"KEC-01\""), std::string::npos) << "a kecamatan office per kecamatan";

    // A report in the kabupaten, anonymous and rahasia, filed without an account.
    json::object pungli{{"service_code", "PUNGLI"},
                        {"description", "Diminta uang di loket kecamatan"},
                        {"kecamatan_code", "33.22.05"},
                        {"anonymous", true},
                        {"rahasia", true}};
    auto filed = PostJson(port(), "/api/v1/regions/33.22/complaints", json::serialize(pungli));
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string number(Body(filed).at("number").as_string());
    EXPECT_EQ(Get(port(), "/api/v1/cases/" + number, kab.AuthHeaders()).status, 200);
    // The other region's admin sees neither the report nor the other's OPDs.
    EXPECT_EQ(Get(port(), "/api/v1/cases/" + number, kota.AuthHeaders()).status, 404);
    auto kab_opds = Get(port(), "/api/v1/opds", kab.AuthHeaders());
    const json::value kab_list = Body(kab_opds);
    const std::string kab_opd(kab_list.at("opds").at(0).at("id").as_string());
    EXPECT_EQ(Get(port(), "/api/v1/opds/" + kab_opd, kab.AuthHeaders()).status, 200);
    EXPECT_EQ(Get(port(), "/api/v1/opds/" + kab_opd, kota.AuthHeaders()).status, 404);
}

TEST_F(OnboardingTest, ABadCodeOrEmailGetsAClearErrorAndWritesNothing) {
    const int before = TenantCount();
    struct Case {
        std::string code, email;
        int status;
        std::string field;
    };
    for (const Case& c : {Case{"99", "a@b.go.id", 404, "code"}, Case{"32.99", "a@b.go.id", 404, "code"},
                          Case{"32.7", "a@b.go.id", 400, "code"}, Case{"3204", "a@b.go.id", 400, "code"},
                          Case{"32.04.01", "a@b.go.id", 400, "code"}, Case{"35.07", "bukan-email", 400, "admin_email"},
                          // A province's regions need an email each.
                          Case{"33", "satu@jatengprov.go.id", 400, "admin_email"}}) {
        auto r = Onboard(c.code, c.email);
        EXPECT_EQ(r.status, c.status) << c.code << " " << r.body;
        EXPECT_EQ(r.Header("content-type").rfind("application/problem+json", 0), 0u) << c.code;
        EXPECT_EQ(Body(r).at("code").as_string(), c.status == 404 ? "not_found" : "invalid_input") << c.code;
        if (c.status == 400) {
            EXPECT_NE(r.body.find("\"" + c.field + "\""), std::string::npos) << r.body;
        }
    }
    EXPECT_EQ(TenantCount(), before) << "nothing written";
}

TEST_F(OnboardingTest, OnlyThePlatformKeyReachesThePlatformRoutes) {
    // Every route under /api/v1/platform, from the route table, refuses every region's accounts
    // and keys (401: they are not the platform's), and nobody at all.
    std::string region_key;
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(auto k, identity::CreateApiKey(tx, store::TenantId("36.04"), "sweep", "admin", 1, "test"));
        region_key = k.key;
        return Status::Ok();
    }));
    Headers key;
    key.Add("Authorization", "Bearer " + region_key);
    const std::vector<std::pair<std::string, Headers>> strangers{
        {"nobody", Headers()}, {"a region's admin", Admin().AuthHeaders()}, {"a region's admin key", key}};
    int routes = 0;
    for (const auto& [method, pattern] : server_->app().router().Routes()) {
        if (pattern.rfind("/api/v1/platform/", 0) != 0) continue;
        ++routes;
        const std::string path = std::regex_replace(pattern, std::regex(R"(\{code\})"), "36.04");
        for (auto [who, h] : strangers) {
            h.Add("Content-Type", "application/json");
            auto r = Request(port(), method, path, R"({"code":"35.07","admin_email":"x@y.go.id"})", h);
            EXPECT_EQ(r.status, 401) << method << " " << path << " by " << who << ": " << r.body;
        }
    }
    EXPECT_EQ(routes, 4);
    auto list = Get(port(), "/api/v1/platform/regions", Operator());
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find("\"36.04\""), std::string::npos);
    EXPECT_EQ(list.body.find("\"35.07\""), std::string::npos) << "nothing was onboarded by a stranger";
}

TEST_F(OnboardingTest, ADisabledRegionStopsBeingServedAndKeepsItsData) {
    auto made = Onboard("35.07", "kominfo@malangkab.go.id");
    ASSERT_TRUE(made.status == 201 || made.status == 200) << made.body;
    ASSERT_EQ(Get(port(), "/open311/v2/services.json?jurisdiction_id=35.07").status, 200);
    const int64_t seq = HeadSeq("35.07");

    auto off = PostJson(port(), "/api/v1/platform/regions/35.07/disable", "{}", Operator());
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_FALSE(Body(off).at("served").as_bool());
    EXPECT_EQ(Get(port(), "/open311/v2/services.json?jurisdiction_id=35.07").status, 404);
    EXPECT_EQ(Get(port(), "/api/v1/regions/35.07/services").status, 404);
    EXPECT_EQ(Get(port(), "/api/v1/regions/35.07/calendar?year=2026").status, 404);
    auto regions = Get(port(), "/api/v1/regions");
    EXPECT_EQ(regions.body.find("35.07"), std::string::npos) << "not listed among the served regions";
    EXPECT_EQ(HeadSeq("35.07"), seq + 1) << "kept, with the disabling on its chain";
    // Disabling twice changes nothing more.
    ASSERT_EQ(PostJson(port(), "/api/v1/platform/regions/35.07/disable", "{}", Operator()).status, 200);
    EXPECT_EQ(HeadSeq("35.07"), seq + 1);
    EXPECT_EQ(PostJson(port(), "/api/v1/platform/regions/99.99/disable", "{}", Operator()).status, 404);

    auto on = PostJson(port(), "/api/v1/platform/regions/35.07/enable", "{}", Operator());
    ASSERT_EQ(on.status, 200) << on.body;
    EXPECT_TRUE(Body(on).at("served").as_bool());
    EXPECT_EQ(Get(port(), "/open311/v2/services.json?jurisdiction_id=35.07").status, 200);
}

}  // namespace
}  // namespace satupintu::testing
