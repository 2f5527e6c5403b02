// A person's rights over their personal data (UU 27/2022) over loopback: a request is a case of
// the region's HAK-DATA class on the shared engine, on a clock of 3 x 24 hours, handled by the
// region's personal-data officer (Diskominfo), refused only with a named reason; an erasure
// removes what the person wrote and keeps what public-service records must keep, while the audit
// chain, which holds digests and never the text, still verifies.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "core/ids.hpp"
#include "events/event_log.hpp"
#include "support/api_fixture.hpp"
#include "workflow/workflow.hpp"

namespace satupintu::testing {
namespace {

class DataRightsTest : public ApiTest {
  protected:
    static HttpResult Ask(const Session& s, const json::object& body) {
        return PostJson(port(), "/api/v1/me/requests", json::serialize(body), s.AuthHeaders());
    }
    static HttpResult Act(const Session& s, const std::string& number, const json::object& body) {
        return PostJson(port(), "/api/v1/cases/" + number + "/actions", json::serialize(body), s.AuthHeaders());
    }
    static std::string Today() { return CivilDate(server_->app().api().clock.NowMs(), 420); }
    static int64_t Count(const std::string& sql_where_payload_like) {
        int64_t n = -1;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::GlobalSql kCount{"SELECT COUNT(*) FROM events WHERE payload LIKE $1"};
            SP_ASSIGN(auto row, tx.QueryOne(kCount, "%" + sql_where_payload_like + "%"));
            n = row->Int(0);
            return Status::Ok();
        }));
        return n;
    }
};

TEST_F(DataRightsTest, ARequestRunsOnAThreeDayClockAndIsRefusedOnlyWithAReason) {
    const Session warga = As("warga");
    const int64_t before = HeadSeq("36.04");
    auto bad = Ask(warga, {{"kind", "semua"}, {"description", "x"}});
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(Body(bad).at("field"), "kind");
    EXPECT_EQ(HeadSeq("36.04"), before) << "a refused request writes nothing";
    EXPECT_EQ(Ask(As("petugas.pupr"), {{"kind", "akses"}}).status, 403) << "a person's own request, not staff's";

    auto r = Ask(warga, {{"kind", "akses"}, {"description", "Salinan data pengaduan saya tahun ini"}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string number(Body(r).at("number").as_string());
    EXPECT_EQ(number.rfind("PDP-", 0), 0u);
    EXPECT_EQ(Body(r).at("kind"), "akses");
    // 3 x 24 hours: three calendar days, weekends and holidays included.
    const auto due = *ParseDate(Today()) + std::chrono::days(3);
    EXPECT_EQ(Body(r).at("stage_due").as_string(), FormatDate(due));
    EXPECT_EQ(Body(r).at("days_left"), 3);

    // The personal-data officer of Diskominfo has it; another OPD does not see it.
    const Session ppdp = As("ppdp");
    bool queued = false;
    const auto queue = Body(Get(port(), "/api/v1/cases", ppdp.AuthHeaders()));
    for (const auto& c : queue.at("cases").as_array()) queued = queued || c.at("number").as_string() == number;
    EXPECT_TRUE(queued);
    EXPECT_EQ(Get(port(), "/api/v1/cases/" + number, As("petugas.pupr").AuthHeaders()).status, 404);
    auto view = Get(port(), "/api/v1/cases/" + number, ppdp.AuthHeaders());
    ASSERT_EQ(view.status, 200) << view.body;
    std::set<std::string> actions;
    const auto viewed = Body(view);
    for (const auto& a : viewed.at("actions").as_array())
        actions.insert(std::string(a.is_string() ? a.as_string() : a.at("name").as_string()));
    EXPECT_EQ(actions, (std::set<std::string>{"minta_info", "telaah", "tolak"}));

    EXPECT_EQ(Act(ppdp, number, {{"action", "tolak"}, {"note", "Tidak jelas"}}).status, 400) << "a named reason";
    EXPECT_EQ(Act(warga, number, {{"action", "tolak"}, {"reason", "kewajiban_hukum"}, {"note", "x"}}).status, 403);
    auto refused = Act(ppdp, number,
                       {{"action", "tolak"},
                        {"reason", "identitas_tidak_terverifikasi"},
                        {"note", "Mohon datang dengan KTP ke Diskominfo untuk verifikasi identitas."}});
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(Body(refused).at("status"), "ditolak");

    auto mine = Get(port(), "/api/v1/me/requests", warga.AuthHeaders());
    ASSERT_EQ(mine.status, 200);
    bool listed = false;
    const auto listing = Body(mine);
    for (const auto& q : listing.at("requests").as_array())
        if (q.at("number").as_string() == number) {
            listed = true;
            EXPECT_EQ(q.at("status"), "ditolak");
            EXPECT_TRUE(q.at("days_left").is_null()) << "closed: no clock";
        }
    EXPECT_TRUE(listed);
}

TEST_F(DataRightsTest, ErasureRemovesWhatThePersonWroteAndKeepsPublicServiceRecords) {
    const std::string email = "hapus.saya@example.test", password = "Kata-Sandi-Hapus-1";
    ASSERT_EQ(RegisterAndConfirm(
                  {{"region", "36.04"}, {"email", email}, {"password", password}, {"name", "Orang Yang Dihapus"}})
                  .status,
              201);
    const Session person = Login(port(), "36.04", email, password);
    // A complaint whose text names where the person lives, and a permit application (kept).
    const std::string canary = "Kanari-7Q2 rumah saya di Jalan Melati 7";
    auto filed =
        PostJson(port(), "/api/v1/complaints",
                 json::serialize(json::object{
                     {"service_code", "SAMPAH"}, {"description", canary}, {"lat", -6.0401}, {"long", 106.112759}}),
                 person.AuthHeaders());
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string complaint(Body(filed).at("number").as_string());
    auto applied =
        PostJson(port(), "/api/v1/applications",
                 json::serialize(json::object{{"service_code", "REKOM-PENELITIAN"},
                                              {"answers", ResearchLetterAnswers("Orang Yang Dihapus", "Uji")},
                                              {"submit", false}}),
                 person.AuthHeaders());
    ASSERT_EQ(applied.status, 201) << applied.body;
    EXPECT_EQ(Count("Kanari-7Q2"), 0) << "the chain holds a digest of the description, not the text";

    const Session ppdp = As("ppdp");
    // An access request cannot be carried out as an erasure.
    auto access = Ask(person, {{"kind", "akses"}, {"description", "Salinan"}});
    ASSERT_EQ(access.status, 201);
    const std::string access_number(Body(access).at("number").as_string());
    ASSERT_EQ(Act(ppdp, access_number, {{"action", "telaah"}}).status, 200);
    const int64_t before = HeadSeq("36.04");
    EXPECT_EQ(Act(ppdp, access_number, {{"action", "hapus"}, {"note", "x"}}).status, 409);
    EXPECT_EQ(HeadSeq("36.04"), before);

    auto request = Ask(person, {{"kind", "penghapusan"}, {"description", "Hapus data saya, " + canary}});
    ASSERT_EQ(request.status, 201);
    const std::string number(Body(request).at("number").as_string());
    ASSERT_EQ(Act(ppdp, number, {{"action", "telaah"}}).status, 200);
    auto erased = Act(ppdp, number, {{"action", "hapus"}, {"note", "Dihapus sesuai permintaan."}});
    ASSERT_EQ(erased.status, 200) << erased.body;
    EXPECT_EQ(Body(erased).at("status"), "dihapus");
    const auto after = Body(Get(port(), "/api/v1/cases/" + number, ppdp.AuthHeaders()));
    const std::string note(after.at("timeline").as_array().back().at("note").as_string());
    EXPECT_NE(note.find("1 permohonan izin"), std::string::npos) << note;

    // The person is gone: no login, no text in the public view, nothing in the audit chain.
    EXPECT_THROW(Login(port(), "36.04", email, password), std::runtime_error);
    auto tracked = Get(port(), "/api/v1/regions/36.04/complaints/" + complaint);
    ASSERT_EQ(tracked.status, 200);
    EXPECT_EQ(tracked.body.find("Kanari"), std::string::npos);
    EXPECT_NE(Body(tracked).at("description").as_string().find("UU 27/2022"), std::string::npos);
    EXPECT_EQ(Get(port(), "/api/v1/cases/" + number, ppdp.AuthHeaders()).body.find("Kanari"), std::string::npos);
    EXPECT_EQ(Count("Kanari"), 0);
    int64_t kept = 0;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kUser{
            "SELECT email, name FROM users WHERE tenant = $1 AND email IS NULL"
            " AND id = (SELECT reporter_id FROM cases WHERE tenant = $1"
            " AND number = $2)"};
        SP_ASSIGN(auto user, tx.QueryOne(kUser, store::TenantId("36.04"), complaint));
        EXPECT_TRUE(user.has_value()) << "the account is emptied";
        static constexpr store::TenantSql kApplication{
            "SELECT COUNT(*) FROM cases WHERE tenant = $1 AND class = 'permohonan'"
            " AND reporter_id = (SELECT reporter_id FROM cases WHERE tenant = $1 AND number = $2)"};
        SP_ASSIGN(auto row, tx.QueryOne(kApplication, store::TenantId("36.04"), complaint));
        kept = row->Int(0);
        return Status::Ok();
    }));
    EXPECT_EQ(kept, 1) << "the permit application is a public-service record";
    auto chain = events::Verify(store(), store::TenantId("36.04"));
    ASSERT_TRUE(chain);
    EXPECT_FALSE(chain->broken.has_value());
}

TEST_F(DataRightsTest, ARegistrationAcceptsTheNoticeInForceAndTheAccountKeepsWhichOne) {
    auto notice = Get(port(), "/api/v1/regions/36.04/privacy-notice");
    ASSERT_EQ(notice.status, 200);
    const std::string text(Body(notice).at("text").as_string());
    EXPECT_NE(text.find("Kabupaten Serang"), std::string::npos);
    EXPECT_NE(text.find("3 x 24 jam"), std::string::npos);
    auto record = Get(port(), "/api/v1/regions/36.04/processing-record");
    ASSERT_EQ(record.status, 200);
    EXPECT_EQ(Body(record).at("controller"), "Pemerintah Kabupaten Serang");
    EXPECT_GE(Body(record).at("activities").as_array().size(), 5u);
    EXPECT_NE(record.body.find("dihapus 30 hari"), std::string::npos) << "the retention in force";

    // Without saying which notice the person accepted, nothing is held.
    json::object body{{"region", "32.16"},
                      {"email", "setuju@example.test"},
                      {"password", "Kata-Sandi-Setuju-4"},
                      {"name", "Warga Setuju"}};
    const int64_t before = HeadSeq("32.16");
    auto none = PostJson(port(), "/api/v1/auth/register", json::serialize(body));
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(Body(none).at("field"), "notice_version");
    EXPECT_EQ(HeadSeq("32.16"), before);
    // The region publishes a new version: a registration that read the old one is refused.
    const int64_t old_version = NoticeVersion("32.16");
    Headers h = Admin("32.16", "bekasi").AuthHeaders();
    h.Add("Content-Type", "application/json");
    EXPECT_EQ(Request(port(), "PUT", "/api/v1/privacy-notice", R"({"text":"  "})", h).status, 400);
    auto published =
        Request(port(), "PUT", "/api/v1/privacy-notice",
                R"({"text":"# Pemberitahuan Privasi (versi baru)\nData Anda diproses untuk layanan."})", h);
    ASSERT_EQ(published.status, 201) << published.body;
    const int64_t version = Body(published).at("version").as_int64();
    EXPECT_EQ(version, old_version + 1);
    body["notice_version"] = old_version;
    auto stale = PostJson(port(), "/api/v1/auth/register", json::serialize(body));
    EXPECT_EQ(stale.status, 409) << stale.body;
    EXPECT_EQ(Body(stale).at("field"), "notice_version");
    body["notice_version"] = version;
    auto joined = RegisterAndConfirm(body);
    ASSERT_EQ(joined.status, 201) << joined.body;
    const Session person = Login(port(), "32.16", "setuju@example.test", "Kata-Sandi-Setuju-4");
    auto mine = Get(port(), "/api/v1/me/export", person.AuthHeaders());
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(Body(mine).at("account").at("privacy_notice_accepted").at("version"), version);
    EXPECT_EQ(Request(port(), "PUT", "/api/v1/privacy-notice", R"({"text":"x"})", As("warga").AuthHeaders()).status,
              403);

    // A later version: the person is asked at the next login, and accepting it is recorded.
    auto me = Get(port(), "/api/v1/me", person.AuthHeaders());
    EXPECT_EQ(Body(me).at("privacy_notice").at("pending"), false);
    auto next = Request(port(), "PUT", "/api/v1/privacy-notice", R"({"text":"# Versi ketiga\nRetensi berubah."})", h);
    ASSERT_EQ(next.status, 201) << next.body;
    const int64_t third = Body(next).at("version").as_int64();
    auto login = PostJson(port(), "/api/v1/auth/login",
                          R"({"region":"32.16","login":"setuju@example.test","password":"Kata-Sandi-Setuju-4"})");
    ASSERT_EQ(login.status, 200) << login.body;
    const json::value at_login = Body(login).at("privacy_notice");
    EXPECT_EQ(at_login.at("pending"), true);
    EXPECT_EQ(at_login.at("accepted"), version);
    EXPECT_EQ(at_login.at("current"), third);
    const Session again = Login(port(), "32.16", "setuju@example.test", "Kata-Sandi-Setuju-4");
    Headers ph = again.AuthHeaders();
    ph.Add("Content-Type", "application/json");
    const int64_t seq = HeadSeq("32.16");
    auto old_one =
        Request(port(), "POST", "/api/v1/me/privacy-notice", json::serialize(json::object{{"version", version}}), ph);
    EXPECT_EQ(old_one.status, 409) << old_one.body;
    EXPECT_EQ(Body(old_one).at("field"), "version");
    EXPECT_EQ(Request(port(), "POST", "/api/v1/me/privacy-notice", R"({"version":"3"})", ph).status, 400);
    EXPECT_EQ(HeadSeq("32.16"), seq) << "nothing recorded";
    auto accepted =
        Request(port(), "POST", "/api/v1/me/privacy-notice", json::serialize(json::object{{"version", third}}), ph);
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(Body(accepted).at("privacy_notice").at("pending"), false);
    EXPECT_EQ(HeadSeq("32.16"), seq + 1) << "the acceptance is an event in the chain";
    auto export_after = Get(port(), "/api/v1/me/export", again.AuthHeaders());
    EXPECT_EQ(Body(export_after).at("account").at("privacy_notice_accepted").at("version"), third);
    // Staff process under a legal duty, not consent: no notice for them to accept.
    EXPECT_FALSE(
        Body(Get(port(), "/api/v1/me", As("petugas.pupr").AuthHeaders())).as_object().contains("privacy_notice"));
    EXPECT_EQ(Request(port(), "POST", "/api/v1/me/privacy-notice", R"({"version":1})", As("petugas.pupr").AuthHeaders())
                  .status,
              403);
}

TEST_F(DataRightsTest, AClassNamingAnEffectNobodyProvidesIsRefused) {
    const auto* shipped = workflow::Shipped("hak_data");
    ASSERT_NE(shipped, nullptr);
    json::object w = workflow::ToJson(*shipped);
    w["code"] = "hak_data_uji";
    w["actions"].as_array()[4].as_object()["effects"] = json::array{"hook:no_such_hook", "close"};
    json::object body{{"code", "UJI-HOOK"}, {"name", "Uji"}, {"opd_code", "DISKOMINFO"}, {"spec", {{"workflow", w}}}};
    Headers h = Admin().AuthHeaders();
    h.Add("Content-Type", "application/json");
    auto r = Request(port(), "PUT", "/api/v1/case-classes", json::serialize(body), h);
    EXPECT_EQ(r.status, 400) << r.body;
    w["actions"].as_array()[4].as_object()["effects"] = json::array{"hook:erase_personal_data", "close"};
    body["spec"] = {{"workflow", w}};
    EXPECT_EQ(Request(port(), "PUT", "/api/v1/case-classes", json::serialize(body), h).status, 200);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

int64_t Rows(store::Store& store, const store::GlobalSql& sql, const std::string& arg) {
    int64_t n = -1;
    EXPECT_TRUE(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto row, tx.QueryOne(sql, arg));
        n = row->Int(0);
        return Status::Ok();
    }));
    return n;
}

TEST(Retention, WhatServedItsPurposeIsDeletedOnSchedule) {
    FakeClock clock(kPinnedNowMs);
    TestServer server(TestConfig(), /*seed=*/true, &clock);
    const auto reg = [&](const std::string& email) {
        const json::object body{{"region", "36.04"},
                                {"email", email},
                                {"password", "Kata-Sandi-Simpan-3"},
                                {"name", "Warga Simpan"},
                                {"notice_version", 1}};
        EXPECT_EQ(PostJson(server.port(), "/api/v1/auth/register", json::serialize(body)).status, 202);
    };
    reg("lama@example.test");
    Login(server.port(), "36.04", "warga@serang.satupintu.test", kPassword);
    // A password reset link nobody used.
    EXPECT_EQ(PostJson(server.port(), "/api/v1/auth/password-reset",
                       R"({"region":"36.04","email":"warga@serang.satupintu.test"})")
                  .status,
              202);
    static constexpr store::GlobalSql reset_links{
        "SELECT COUNT(*) FROM password_resets WHERE user_id = (SELECT id FROM users WHERE email = $1)"};
    ASSERT_EQ(Rows(server.app().store(), reset_links, "warga@serang.satupintu.test"), 1);
    static constexpr store::GlobalSql emails{"SELECT COUNT(*) FROM outbox WHERE target = $1"};
    static constexpr store::GlobalSql registrations{"SELECT COUNT(*) FROM registrations WHERE email = $1"};
    static constexpr store::GlobalSql sessions{
        "SELECT COUNT(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)"};
    // (On PostgreSQL every suite shares the database: sessions are counted by age, not by person.)
    static constexpr store::GlobalSql stale_sessions{"SELECT COUNT(*) FROM sessions WHERE last_seen_at < $1"};
    static constexpr store::GlobalSql events_of_type{"SELECT COUNT(*) FROM events WHERE type = $1"};
    ASSERT_EQ(Rows(server.app().store(), emails, "lama@example.test"), 1);
    ASSERT_GE(Rows(server.app().store(), sessions, "warga@serang.satupintu.test"), 1);

    const int64_t retained_before = Rows(server.app().store(), events_of_type, "retention.applied");
    clock.Advance(31LL * 24 * 60 * 60 * 1000);
    reg("baru@example.test");
    ASSERT_TRUE(server.app().SweepAll());
    EXPECT_EQ(Rows(server.app().store(), emails, "lama@example.test"), 0) << "past 30 days";
    EXPECT_EQ(Rows(server.app().store(), registrations, "lama@example.test"), 0) << "its link expired";
    EXPECT_EQ(Rows(server.app().store(), reset_links, "warga@serang.satupintu.test"), 0) << "an hour's link";
    int64_t stale = -1;
    ASSERT_TRUE(server.app().store().Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(auto row, tx.QueryOne(stale_sessions, int64_t{clock.NowMs() - 12LL * 60 * 60 * 1000}));
        stale = row->Int(0);
        return Status::Ok();
    }));
    EXPECT_EQ(stale, 0) << "no session row outlives the longest a session can live";
    EXPECT_EQ(Rows(server.app().store(), emails, "baru@example.test"), 1) << "a new email stays";
    EXPECT_EQ(Rows(server.app().store(), registrations, "baru@example.test"), 1) << "a live link stays";
    EXPECT_GT(Rows(server.app().store(), events_of_type, "retention.applied"), retained_before) << "recorded";
    auto chain = events::Verify(server.app().store(), store::TenantId("36.04"));
    ASSERT_TRUE(chain);
    EXPECT_FALSE(chain->broken.has_value());
}

}  // namespace
}  // namespace satupintu::testing
