// Joining and finding (issue 14): a forgotten password is reset through a link emailed to the
// account's address, and a tracking number typed in the "Lacak laporan" box finds its case in
// whichever region has it.
#include <thread>

#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class JoiningTest : public ApiTest {
  protected:
    static int64_t EmailsTo(const std::string& email) {
        int64_t n = 0;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::GlobalSql kCount{"SELECT COUNT(*) FROM outbox WHERE target = $1"};
            SP_ASSIGN(auto row, tx.QueryOne(kCount, email));
            n = row->Int(0);
            return Status::Ok();
        }));
        return n;
    }
    static HttpResult AskReset(const std::string& email) {
        return PostJson(port(), "/api/v1/auth/password-reset",
                        json::serialize(json::object{{"region", "36.04"}, {"email", email}}));
    }
    static HttpResult SetPassword(const std::string& token, const std::string& password) {
        return PostJson(port(), "/api/v1/auth/password-reset/confirm",
                        json::serialize(json::object{{"region", "36.04"}, {"token", token}, {"password", password}}));
    }
};

TEST_F(JoiningTest, AForgottenPasswordIsResetByTheEmailedLinkOnceAndEveryOldSessionEnds) {
    const std::string email = "lupa@example.test";
    ASSERT_EQ(RegisterAndConfirm(
                  {{"region", "36.04"}, {"email", email}, {"password", "Sandi-Lama-0001"}, {"name", "Warga Pelupa"}})
                  .status,
              201);
    const Session before = Login(port(), "36.04", email, "Sandi-Lama-0001");
    ASSERT_EQ(Get(port(), "/api/v1/me", before.AuthHeaders()).status, 200);

    // The same answer for an address with an account and one without; only the first gets mail.
    const int64_t mails = EmailsTo(email);
    auto known = AskReset(email);
    auto unknown = AskReset("tidak.ada@example.test");
    ASSERT_EQ(known.status, 202) << known.body;
    EXPECT_EQ(unknown.status, 202);
    EXPECT_EQ(known.body, unknown.body);
    EXPECT_EQ(EmailsTo(email), mails + 1);
    EXPECT_EQ(EmailsTo("tidak.ada@example.test"), 0);
    EXPECT_EQ(AskReset("bukan-alamat").status, 400);
    const std::string token = EmailedToken("36.04", email, "token");
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(AskReset(email).status, 202);
    EXPECT_EQ(EmailsTo(email), mails + 1) << "one email a minute at most";

    // A weak password changes nothing; the right one takes, once.
    const int64_t seq = HeadSeq("36.04");
    auto weak = SetPassword(token, "pendek");
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(Body(weak).at("field"), "password");
    EXPECT_EQ(SetPassword("bukan-token", "Sandi-Baru-0002").status, 404);
    EXPECT_EQ(HeadSeq("36.04"), seq) << "nothing written";
    auto done = SetPassword(token, "Sandi-Baru-0002");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(SetPassword(token, "Sandi-Lain-0003").status, 404) << "a link works once";

    // Every session the account had is over (a cached one within the cache's two seconds).
    int status = 0;
    for (int i = 0; i < 40 && status != 401; ++i) {
        status = Get(port(), "/api/v1/me", before.AuthHeaders()).status;
        if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(status, 401);
    auto old_password =
        PostJson(port(), "/api/v1/auth/login",
                 json::serialize(json::object{{"region", "36.04"}, {"login", email}, {"password", "Sandi-Lama-0001"}}));
    EXPECT_EQ(old_password.status, 401);
    EXPECT_EQ(Get(port(), "/api/v1/me", Login(port(), "36.04", email, "Sandi-Baru-0002").AuthHeaders()).status, 200);
}

TEST_F(JoiningTest, ATrackingNumberIsFoundInWhicheverRegionHasIt) {
    const Session warga = As("warga");
    json::object complaint{{"service_code", "SAMPAH"},
                           {"description", "Sampah menumpuk di pasar"},
                           {"lat", -6.0401},
                           {"long", 106.112759}};
    auto filed = PostJson(port(), "/api/v1/complaints", json::serialize(complaint), warga.AuthHeaders());
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string number(Body(filed).at("number").as_string());

    // Typed as people type it: lower case, with spaces.
    std::string lower = number;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto found = Get(port(), "/api/v1/track?nomor=%20" + lower + "%20");
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(Body(found).at("number").as_string(), number);
    bool here = false;
    const json::value found_body = Body(found);
    for (const auto& m : found_body.at("matches").as_array()) {
        if (m.at("region") != "36.04") continue;
        here = true;
        EXPECT_EQ(m.at("kind"), "complaint");
        EXPECT_EQ(m.at("url").as_string(), "/lacak/36.04/" + number);
        EXPECT_EQ(m.at("region_name"), "Kabupaten Serang");
    }
    EXPECT_TRUE(here);

    // The page: straight to the case when one region has the number, else the search page.
    // Staff find it by its number in the search box, as far as they may see it.
    auto numbers_in = [&](const Session& s, const std::string& q) {
        auto r = Get(port(), "/api/v1/cases?q=" + q, s.AuthHeaders());
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        const json::value body = Body(r);
        for (const auto& c : body.at("cases").as_array()) out.emplace_back(c.at("number").as_string());
        return out;
    };
    EXPECT_EQ(numbers_in(As("verifikator"), lower), std::vector<std::string>{number});
    EXPECT_TRUE(numbers_in(As("petugas.pupr"), number).empty()) << "another OPD's case";

    auto page = Get(port(), "/lacak?nomor=" + number);
    if (Body(found).at("matches").as_array().size() == 1) {
        EXPECT_EQ(page.status, 302);
        EXPECT_EQ(page.Header("location"), "/lacak/36.04/" + number);
    }
    auto nowhere = Get(port(), "/lacak?nomor=ADU-1999-999999");
    EXPECT_EQ(nowhere.status, 200);
    EXPECT_NE(nowhere.Header("content-type").find("text/html"), std::string::npos);
    EXPECT_TRUE(Body(Get(port(), "/api/v1/track?nomor=ADU-1999-999999")).at("matches").as_array().empty());
    auto malformed = Get(port(), "/api/v1/track?nomor=DROP%20TABLE");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(Body(malformed).at("field"), "nomor");
    EXPECT_EQ(Get(port(), "/lacak?nomor=%3Cscript%3E").status, 200) << "the search page, which says so";

    // An application leads to its own page (its applicant logs in there).
    json::object documents;
    for (const char* name : {"ktp", "pengantar", "proposal"}) {
        Headers h = warga.AuthHeaders();
        h.Add("Content-Type", "application/octet-stream");
        auto up = Request(port(), "POST", "/api/v1/attachments", TinyPng(), h);
        ASSERT_EQ(up.status, 201) << up.body;
        documents[name] = Body(up).at("id");
    }
    json::object application{{"service_code", "REKOM-PENELITIAN"},
                             {"answers", ResearchLetterAnswers("Peneliti Lacak", "Kajian pelacakan")},
                             {"documents", documents}};
    auto applied = PostJson(port(), "/api/v1/applications", json::serialize(application), warga.AuthHeaders());
    ASSERT_EQ(applied.status, 201) << applied.body;
    const std::string app_number(Body(applied).at("number").as_string());
    auto app_found = Body(Get(port(), "/api/v1/track?nomor=" + app_number));
    bool app_here = false;
    for (const auto& m : app_found.at("matches").as_array()) {
        if (m.at("region") != "36.04") continue;
        app_here = true;
        EXPECT_EQ(m.at("kind"), "permit");
        EXPECT_EQ(m.at("url").as_string(), "/izin/" + app_number);
    }
    EXPECT_TRUE(app_here);
}

}  // namespace
}  // namespace satupintu::testing
