// A case class defined in JSON only, walked over HTTP: a personal-data request (permintaan data,
// UU 27/2022) that its region's admin puts into the catalog with its workflow, and that a citizen
// and the responsible OPD then move through the shared case routes. No code knows this class.
#include <gtest/gtest.h>

#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class CaseClassTest : public ApiTest {
  protected:
    static HttpResult Put(const Session& s, const std::string& target, const json::object& body) {
        Headers h = s.AuthHeaders();
        h.Add("Content-Type", "application/json");
        return Request(port(), "PUT", target, json::serialize(body), h);
    }
    static HttpResult Act(const Session& s, const std::string& number, json::object body) {
        return PostJson(port(), "/api/v1/cases/" + number + "/actions", json::serialize(body), s.AuthHeaders());
    }
    static std::vector<std::string> Actions(const HttpResult& r) {
        std::vector<std::string> out;
        const auto body = Body(r);
        for (const auto& a : body.at("actions").as_array()) out.emplace_back(a.as_string());
        return out;
    }

    static json::object Workflow() {
        return json::parse(R"({
          "code": "permintaan_data",
          "initial": "diajukan", "initial_stage": "telaah", "number_prefix": "PDP",
          "event_prefix": "data_request", "reporter_label": "pemohon",
          "clocks": {"telaah": 3},
          "states": [{"name": "diajukan"}, {"name": "ditelaah"}, {"name": "menunggu_pemohon"},
                     {"name": "dipenuhi", "open": false}, {"name": "ditolak", "open": false}],
          "parties": {"pemohon": {"reporter": true},
                      "petugas": {"roles": ["officer", "opd_head"], "opd": "case"},
                      "pengawas": {"roles": ["auditor"]}},
          "visible_to": ["pemohon", "petugas", "pengawas"],
          "file_by": ["pemohon"],
          "actions": [
            {"name": "telaah", "by": ["petugas"], "from": ["diajukan"], "to": "ditelaah"},
            {"name": "minta_info", "by": ["petugas"], "from": ["ditelaah"], "to": "menunggu_pemohon",
             "note": "required", "effects": ["pause"]},
            {"name": "jawab", "by": ["pemohon"], "from": ["menunggu_pemohon"], "to": "$resume",
             "note": "required", "effects": ["resume"]},
            {"name": "penuhi", "by": ["petugas"], "from": ["ditelaah"], "to": "dipenuhi", "note": "required",
             "effects": ["close"], "refused": "only a request under review can be fulfilled"},
            {"name": "tolak", "by": ["petugas"], "from": ["diajukan", "ditelaah"], "to": "ditolak",
             "note": "required", "effects": ["close"]}
          ]})")
            .as_object();
    }
};

TEST_F(CaseClassTest, AClassDefinedInJsonOnlyIsWalkedOverHttp) {
    const auto admin = Admin();
    json::object cls{{"code", "PERMINTAAN-DATA"},
                     {"name", "Permintaan salinan data pribadi"},
                     {"opd_code", "PUPR"},
                     {"description", "Salinan data pribadi yang dipegang dinas (UU 27/2022)."}};

    // A broken workflow is refused with the part that is wrong, and nothing is written.
    const int64_t before_bad = HeadSeq("36.04");
    auto broken = Workflow();
    broken["actions"].as_array()[0].as_object()["to"] = "hilang";
    cls["spec"] = json::object{{"workflow", broken}};
    auto r = Put(admin, "/api/v1/case-classes", cls);
    ASSERT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("no state hilang"), std::string::npos) << r.body;
    EXPECT_EQ(HeadSeq("36.04"), before_bad);

    cls["spec"] = json::object{{"workflow", Workflow()}};
    r = Put(admin, "/api/v1/case-classes", cls);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Put(As("petugas.pupr"), "/api/v1/case-classes", cls).status, 403);
    // A second broken definition is checked on its own (not taken for the one checked before).
    auto other = cls;
    other["code"] = "KELAS-RUSAK";
    other["spec"] = json::object{{"workflow", broken}};
    EXPECT_EQ(Put(admin, "/api/v1/case-classes", other).status, 400);

    // Only the workflow's filers open a case.
    const auto warga = As("warga");
    const auto petugas = As("petugas.pupr");
    const auto other_opd = As("petugas.dinkes");
    const auto auditor = As("auditor");
    const auto verifier = As("verifikator");
    json::object open{{"service_code", "PERMINTAAN-DATA"}, {"description", "Mohon salinan data IMB rumah saya"}};
    EXPECT_EQ(PostJson(port(), "/api/v1/cases", json::serialize(open), petugas.AuthHeaders()).status, 403);
    const int64_t before = HeadSeq("36.04");
    r = PostJson(port(), "/api/v1/cases", json::serialize(open), warga.AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(Body(r).at("number").as_string());
    EXPECT_EQ(number.rfind("PDP-2026-", 0), 0u) << number;
    EXPECT_EQ(Body(r).at("status"), "diajukan");
    EXPECT_EQ(Body(r).at("stage"), "telaah");
    EXPECT_TRUE(Body(r).at("stage_due").is_string()) << "the class's clock runs";

    // Who sees it, and which steps each is offered.
    const auto view = [&](const Session& s) { return Get(port(), "/api/v1/cases/" + number, s.AuthHeaders()); };
    using V = std::vector<std::string>;
    EXPECT_EQ(Actions(view(warga)), V{});
    EXPECT_EQ(Actions(view(petugas)), (V{"telaah", "tolak"}));
    EXPECT_EQ(Actions(view(auditor)), V{});
    EXPECT_EQ(view(other_opd).status, 404);
    EXPECT_EQ(view(verifier).status, 404) << "not a party of this class";

    // Refusals change nothing.
    const int64_t filed = HeadSeq("36.04");
    EXPECT_EQ(filed, before + 1);
    EXPECT_EQ(Act(other_opd, number, {{"action", "telaah"}}).status, 404);
    EXPECT_EQ(Act(warga, number, {{"action", "telaah"}}).status, 403);
    r = Act(petugas, number, {{"action", "penuhi"}, {"note", "terlampir"}});
    EXPECT_EQ(r.status, 409);
    EXPECT_NE(r.body.find("only a request under review"), std::string::npos) << r.body;
    EXPECT_EQ(Act(petugas, number, {{"action", "terbang"}}).status, 400);
    EXPECT_EQ(HeadSeq("36.04"), filed);

    // The walk: review, a question to the requester (the clock pauses), the answer, fulfilment.
    r = Act(petugas, number, {{"action", "telaah"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status"), "ditelaah");
    EXPECT_EQ(Actions(r), (V{"minta_info", "penuhi", "tolak"}));
    r = Act(petugas, number, {{"action", "minta_info"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Code(r), "invalid_input");
    r = Act(petugas, number, {{"action", "minta_info"}, {"note", "Lampirkan KTP"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("paused"), true);
    EXPECT_EQ(Actions(view(warga)), V{"jawab"});
    r = Act(warga, number, {{"action", "jawab"}, {"note", "KTP sudah saya unggah"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status"), "ditelaah") << "back where the pause began";
    EXPECT_EQ(Body(r).at("paused"), false);
    r = Act(petugas, number, {{"action", "penuhi"}, {"note", "Salinan dikirim ke email pemohon"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("status"), "dipenuhi");
    EXPECT_EQ(Body(r).at("open"), false);
    EXPECT_EQ(Actions(r), V{});

    // Every step is a timeline row and an event in the region's chain.
    const auto case_view = Body(view(warga));
    std::vector<std::string> steps;
    for (const auto& e : case_view.at("timeline").as_array()) steps.emplace_back(e.at("action").as_string());
    EXPECT_EQ(steps, (V{"filed", "telaah", "minta_info", "jawab", "penuhi"}));
    EXPECT_EQ(case_view.at("timeline").as_array().at(3).at("by"), "pemohon");
    EXPECT_EQ(HeadSeq("36.04"), filed + 4);
    int64_t events = 0;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kEvents{
            "SELECT COUNT(*) FROM events WHERE tenant = $1 AND type LIKE 'data_request.%'"};
        SP_ASSIGN(auto row, tx.QueryOne(kEvents, store::TenantId("36.04")));
        events = row ? row->Int(0) : 0;
        return Status::Ok();
    }));
    EXPECT_EQ(events, 5);

    // A data class's cases stay out of the public list.
    const auto list = Get(port(), "/api/v1/regions/36.04/complaints");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.find(number), std::string::npos);
}

}  // namespace
}  // namespace satupintu::testing
