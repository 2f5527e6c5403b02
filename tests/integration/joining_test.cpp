// Joining and finding (issue 14): a forgotten password is reset through a link emailed to the
// account's address or a code sent to its phone; a person signs up by phone with a one-time code,
// or files without an account by a proven phone (or fully anonymous and rahasia); and a tracking
// number typed in the "Lacak laporan" box finds its case in whichever region has it.
#include <algorithm>
#include <regex>
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
    // The newest SMS or WhatsApp message queued to a phone: {channel, text}; empty when none.
    static std::pair<std::string, std::string> LastText(const std::string& phone) {
        std::pair<std::string, std::string> out;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::GlobalSql kLast{
                "SELECT channel, body FROM outbox WHERE target = $1 AND channel IN ('sms', 'whatsapp')"
                " ORDER BY created_at DESC, id DESC LIMIT 1"};
            SP_ASSIGN(auto row, tx.QueryOne(kLast, phone));
            if (row) out = {row->Text(0), row->Text(1)};
            return Status::Ok();
        }));
        return out;
    }
    static int64_t TextsTo(const std::string& phone) {
        int64_t n = 0;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::GlobalSql kCount{
                "SELECT COUNT(*) FROM outbox WHERE target = $1 AND channel IN ('sms', 'whatsapp')"};
            SP_ASSIGN(auto row, tx.QueryOne(kCount, phone));
            n = row->Int(0);
            return Status::Ok();
        }));
        return n;
    }
    // The six digits of the newest message to a phone.
    static std::string TextedCode(const std::string& phone) {
        std::smatch m;
        const std::string text = LastText(phone).second;
        return std::regex_search(text, m, std::regex("\\b[0-9]{6}\\b")) ? m.str() : "";
    }
    static std::string WrongCode(const std::string& right) { return right == "000000" ? "111111" : "000000"; }
    static std::string Field(const HttpResult& r) {
        const json::value b = Body(r);
        const auto& errors = b.at("errors").as_array();
        return errors.empty() ? "" : std::string(errors.at(0).at("field").as_string());
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

TEST_F(JoiningTest, APersonSignsUpByPhoneWithTheCodeSentByWhatsAppAndNobodyLearnsWhichNumbersHaveAccounts) {
    const std::string phone = "+6281299990001";
    json::object signup{{"region", "36.04"},
                        {"phone", "0812-9999-0001"},
                        {"channel", "whatsapp"},
                        {"name", "Warga Bertelepon"},
                        {"password", "Sandi-Telepon-01"}};
    auto held = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(signup)));
    ASSERT_EQ(held.status, 202) << held.body;
    EXPECT_EQ(Body(held).at("status"), "code_sent");
    EXPECT_EQ(Body(held).at("phone").as_string(), phone);
    EXPECT_EQ(LastText(phone).first, "whatsapp");
    const std::string code = TextedCode(phone);
    ASSERT_EQ(code.size(), 6u) << LastText(phone).second;

    // A wrong code is refused beside its field and counted; the right one creates the account once.
    auto confirm = [&](const std::string& c) {
        return PostJson(port(), "/api/v1/auth/register/confirm",
                        json::serialize(json::object{{"region", "36.04"}, {"phone", phone}, {"code", c}}));
    };
    auto wrong = confirm(WrongCode(code));
    ASSERT_EQ(wrong.status, 400) << wrong.body;
    EXPECT_EQ(Field(wrong), "code");
    EXPECT_EQ(confirm("12ab").status, 400);
    auto made = confirm(code);
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(Body(made).at("user").at("phone").as_string(), phone);
    EXPECT_TRUE(Body(made).at("user").at("email").is_null());
    EXPECT_EQ(confirm(code).status, 400) << "a code works once";
    EXPECT_EQ(
        Get(port(), "/api/v1/me", Login(port(), "36.04", "081299990001", "Sandi-Telepon-01").AuthHeaders()).status,
        200);

    // Signing up again with the number answers the same, and the message says it has an account.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto again = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(signup)));
    ASSERT_EQ(again.status, 202);
    EXPECT_EQ(again.body, held.body);
    EXPECT_TRUE(TextedCode(phone).empty()) << LastText(phone).second;
    EXPECT_NE(LastText(phone).second.find("sudah terdaftar"), std::string::npos);

    // Neither an email nor a phone: one problem, in Indonesian; an unknown channel too.
    auto neither = PostJson(port(), "/api/v1/auth/register",
                            json::serialize(Accepting({{"region", "36.04"},
                                                       {"name", "Tanpa Kontak"},
                                                       {"password", "Sandi-Telepon-01"},
                                                       {"channel", "merpati"}})));
    ASSERT_EQ(neither.status, 400);
    std::set<std::string> fields;
    const json::value neither_body = Body(neither);
    for (const auto& e : neither_body.at("errors").as_array()) fields.emplace(e.at("field").as_string());
    EXPECT_EQ(fields, (std::set<std::string>{"email", "channel"}));
}

TEST_F(JoiningTest, FiveWrongCodesEndTheCodeAndAForgottenPasswordIsResetByPhone) {
    const std::string phone = "+6281299990002";
    ASSERT_EQ(
        PostJson(
            port(), "/api/v1/auth/register",
            json::serialize(Accepting(
                {{"region", "36.04"}, {"phone", phone}, {"name", "Warga Lupa"}, {"password", "Sandi-Telepon-02"}})))
            .status,
        202);
    const std::string code = TextedCode(phone);
    ASSERT_EQ(LastText(phone).first, "sms") << "SMS unless WhatsApp is asked for";
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(
            PostJson(port(), "/api/v1/auth/register/confirm",
                     json::serialize(json::object{{"region", "36.04"}, {"phone", phone}, {"code", WrongCode(code)}}))
                .status,
            400);
    }
    auto late = PostJson(port(), "/api/v1/auth/register/confirm",
                         json::serialize(json::object{{"region", "36.04"}, {"phone", phone}, {"code", code}}));
    EXPECT_EQ(late.status, 400) << "the right code after five wrong tries: dead";

    // A forgotten password by phone: a code to an account's number, nothing to an unknown one.
    const std::string known = "+6281299990003";
    ASSERT_EQ(PostJson(port(), "/api/v1/auth/register",
                       json::serialize(Accepting({{"region", "36.04"},
                                                  {"phone", known},
                                                  {"name", "Warga Pelupa Dua"},
                                                  {"password", "Sandi-Telepon-03"}})))
                  .status,
              202);
    ASSERT_EQ(
        PostJson(port(), "/api/v1/auth/register/confirm",
                 json::serialize(json::object{{"region", "36.04"}, {"phone", known}, {"code", TextedCode(known)}}))
            .status,
        201);
    const Session before = Login(port(), "36.04", known, "Sandi-Telepon-03");
    const int64_t texts = TextsTo(known);
    auto ask = [](const std::string& p) {
        return PostJson(port(), "/api/v1/auth/password-reset",
                        json::serialize(json::object{{"region", "36.04"}, {"phone", p}}));
    };
    auto asked = ask(known);
    auto unknown = ask("+6281299990099");
    ASSERT_EQ(asked.status, 202) << asked.body;
    EXPECT_EQ(asked.body, unknown.body);
    EXPECT_EQ(TextsTo(known), texts + 1);
    EXPECT_EQ(TextsTo("+6281299990099"), 0);
    EXPECT_EQ(ask(known).status, 202);
    EXPECT_EQ(TextsTo(known), texts + 1) << "one code a minute at most";
    const std::string reset = TextedCode(known);
    auto set = [&](const std::string& c, const std::string& password) {
        return PostJson(
            port(), "/api/v1/auth/password-reset/confirm",
            json::serialize(json::object{{"region", "36.04"}, {"phone", known}, {"code", c}, {"password", password}}));
    };
    EXPECT_EQ(Field(set(WrongCode(reset), "Sandi-Baru-Telepon-03")), "code");
    ASSERT_EQ(set(reset, "Sandi-Baru-Telepon-03").status, 200);
    EXPECT_EQ(Get(port(), "/api/v1/me", before.AuthHeaders()).status, 401) << "old sessions end";
    EXPECT_EQ(Get(port(), "/api/v1/me", Login(port(), "36.04", known, "Sandi-Baru-Telepon-03").AuthHeaders()).status,
              200);
}

TEST_F(JoiningTest, AReportIsFiledWithoutAnAccountByAProvenPhoneOrFullyAnonymousWhenRahasia) {
    const std::string phone = "+6281299990004";
    auto send_code = [](const std::string& p) {
        return PostJson(port(), "/api/v1/regions/36.04/complaints/phone-code",
                        json::serialize(json::object{{"phone", p}}));
    };
    ASSERT_EQ(send_code(phone).status, 202);
    const std::string code = TextedCode(phone);
    ASSERT_EQ(code.size(), 6u);
    auto file = [](json::object body) {
        return PostJson(port(), "/api/v1/regions/36.04/complaints", json::serialize(body));
    };
    const json::object pothole{{"service_code", "JALAN-RUSAK"},
                               {"description", "Lubang besar di jalan desa"},
                               {"lat", -6.0401},
                               {"long", 106.112759},
                               {"attributes", {{"tingkat", "berat"}}}};
    auto with_reporter = [&](const std::string& c) {
        json::object b = pothole;
        b["reporter"] = {{"name", "Pelapor Tanpa Akun"}, {"phone", "0812 9999 0004"}, {"code", c}};
        return b;
    };

    // A wrong code files nothing.
    const int64_t seq = HeadSeq("36.04");
    auto wrong = file(with_reporter(WrongCode(code)));
    ASSERT_EQ(wrong.status, 400) << wrong.body;
    EXPECT_EQ(Field(wrong), "reporter.code");
    EXPECT_EQ(HeadSeq("36.04"), seq);
    // Every problem at once: no name, no code, a photo (uploads need an account).
    json::object bad = pothole;
    bad["reporter"] = {{"phone", phone}};
    bad["attachments"] = json::array{"x"};
    auto many = file(bad);
    ASSERT_EQ(many.status, 400);
    std::set<std::string> fields;
    const json::value many_body = Body(many);
    for (const auto& e : many_body.at("errors").as_array()) fields.emplace(e.at("field").as_string());
    EXPECT_EQ(fields, (std::set<std::string>{"attachments", "reporter.name", "reporter.code"}));
    // Nobody at all, for a report that is not rahasia.
    auto nobody = file(pothole);
    ASSERT_EQ(nobody.status, 400);
    EXPECT_EQ(Field(nobody), "reporter");

    auto filed = file(with_reporter(code));
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string number(Body(filed).at("number").as_string());
    EXPECT_EQ(Body(filed).at("tracking_url").as_string(), "/lacak/36.04/" + number);
    EXPECT_EQ(file(with_reporter(code)).status, 400) << "a code files once";
    EXPECT_EQ(Get(port(), "/api/v1/regions/36.04/complaints/" + number).status, 200) << "tracked by its number";

    // The verifier sees the proven phone and reaches the reporter; the auditor does not.
    auto seen = Get(port(), "/api/v1/cases/" + number, As("verifikator").AuthHeaders());
    ASSERT_EQ(seen.status, 200) << seen.body;
    const json::value contact = Body(seen).at("reporter_contact");
    EXPECT_EQ(contact.at("name"), "Pelapor Tanpa Akun");
    EXPECT_EQ(contact.at("phone").as_string(), phone);
    EXPECT_EQ(contact.at("phone_verified"), true);
    EXPECT_FALSE(Body(Get(port(), "/api/v1/cases/" + number, As("auditor").AuthHeaders()))
                     .as_object()
                     .contains("reporter_contact"));

    // Each step reaches the phone by SMS with the tracking link.
    const int64_t texts = TextsTo(phone);
    auto verified = PostJson(port(), "/api/v1/cases/" + number + "/actions",
                             json::serialize(json::object{{"action", "verify"}}), As("verifikator").AuthHeaders());
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(TextsTo(phone), texts + 1);
    EXPECT_NE(LastText(phone).second.find(number), std::string::npos);
    EXPECT_NE(LastText(phone).second.find("/lacak/36.04/" + number), std::string::npos);

    // Anonymous with a proven phone: the officers see neither name nor number; the texts still go.
    {
        const std::string hidden = "+6281299990006";
        ASSERT_EQ(send_code(hidden).status, 202);
        json::object b = pothole;
        b["anonymous"] = true;
        b["reporter"] = {{"name", "Pelapor Tersembunyi"}, {"phone", hidden}, {"code", TextedCode(hidden)}};
        auto quiet = file(b);
        ASSERT_EQ(quiet.status, 201) << quiet.body;
        const std::string quiet_number(Body(quiet).at("number").as_string());
        auto view = Get(port(), "/api/v1/cases/" + quiet_number, As("verifikator").AuthHeaders());
        ASSERT_EQ(view.status, 200);
        EXPECT_FALSE(Body(view).as_object().contains("reporter_contact")) << view.body;
        const int64_t before = TextsTo(hidden);
        ASSERT_EQ(PostJson(port(), "/api/v1/cases/" + quiet_number + "/actions",
                           json::serialize(json::object{{"action", "verify"}}), As("verifikator").AuthHeaders())
                      .status,
                  200);
        EXPECT_EQ(TextsTo(hidden), before + 1);
    }

    // A category that needs an account refuses a phone alone.
    const std::string other = "+6281299990005";
    ASSERT_EQ(send_code(other).status, 202);
    json::object adminduk{{"service_code", "ADMINDUK"},
                          {"description", "KTP-el belum jadi"},
                          {"lat", -6.0401},
                          {"long", 106.112759},
                          {"attributes", {{"dokumen", "ktp"}}},
                          {"reporter", {{"name", "Pelapor Lain"}, {"phone", other}, {"code", TextedCode(other)}}}};
    auto refused = file(adminduk);
    ASSERT_EQ(refused.status, 400);
    EXPECT_EQ(Field(refused), "service_code");

    // Fully anonymous and rahasia: no contact at all, and nobody outside sees it.
    json::object pungli{{"service_code", "PUNGLI"}, {"description", "Diminta uang di loket"},
                        {"lat", -6.0401},           {"long", 106.112759},
                        {"anonymous", true},        {"rahasia", true}};
    auto secret = file(pungli);
    ASSERT_EQ(secret.status, 201) << secret.body;
    const std::string secret_number(Body(secret).at("number").as_string());
    EXPECT_EQ(Get(port(), "/api/v1/regions/36.04/complaints/" + secret_number).status, 404);
    // Its reporter follows it with the access key the filing answered with, once.
    const std::string key(Body(secret).at("access_key").as_string());
    EXPECT_TRUE(std::regex_match(key, std::regex("([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}"))) << key;
    EXPECT_EQ(Body(secret).at("tracking_url").as_string(), "/lacak/36.04/" + secret_number + "#kunci=" + key);
    const auto track_with = [&](const std::string& k) {
        Headers h;
        h.Add("X-Access-Key", k);
        return Get(port(), "/api/v1/regions/36.04/complaints/" + secret_number, h);
    };
    std::string typed = key;  // as a person types it: lower case, no dashes
    typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
    for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto followed = track_with(typed);
    ASSERT_EQ(followed.status, 200) << followed.body;
    EXPECT_EQ(Body(followed).at("description"), "Diminta uang di loket");
    EXPECT_EQ(followed.Header("cache-control"), "private, no-store");
    EXPECT_EQ(track_with("2222-2222-2222-2222").status, 404);
    EXPECT_EQ(Get(port(), "/api/v1/regions/36.04/complaints/" + number).status, 200) << "a public one stays public";
    EXPECT_FALSE(Body(filed).as_object().contains("access_key")) << "only anonymous reports get a key";
    auto staff_view = Body(Get(port(), "/api/v1/cases/" + secret_number, As("verifikator").AuthHeaders()));
    EXPECT_FALSE(staff_view.as_object().contains("reporter_contact"));
    EXPECT_EQ(staff_view.at("rahasia"), true);
}

// Issue 14: emails come in the language the person uses the site in (remembered at each login);
// followers who read Indonesian get theirs in Indonesian in the same step.
TEST_F(JoiningTest, StatusEmailsComeInTheLanguageEachPersonUsesTheSiteIn) {
    const std::string reader = "english.reader@example.test";
    ASSERT_EQ(
        RegisterAndConfirm(
            {{"region", "36.04"}, {"email", reader}, {"password", "Sandi-Inggris-01"}, {"name", "Reader In English"}})
            .status,
        201);
    // Logging in with the page in English.
    Headers english;
    english.Add("Content-Type", "application/json").Add("Accept-Language", "en");
    auto in =
        Request(port(), "POST", "/api/v1/auth/login",
                json::serialize(json::object{{"region", "36.04"}, {"login", reader}, {"password", "Sandi-Inggris-01"}}),
                english);
    ASSERT_EQ(in.status, 200) << in.body;
    Session session;
    session.cookie = in.set_cookies.at(0).substr(0, in.set_cookies.at(0).find(';'));
    session.csrf = std::string(Body(in).at("csrf_token").as_string());
    json::object complaint{{"service_code", "SAMPAH"},
                           {"description", "Rubbish piling up by the market"},
                           {"lat", -6.0401},
                           {"long", 106.112759}};
    auto filed = PostJson(port(), "/api/v1/complaints", json::serialize(complaint), session.AuthHeaders());
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string number(Body(filed).at("number").as_string());
    // The demo citizen, who reads Indonesian, follows it.
    ASSERT_EQ(PostJson(port(), "/api/v1/complaints/" + number + "/followers", R"({"affected":true})",
                       As("warga").AuthHeaders())
                  .status,
              200);
    ASSERT_EQ(PostJson(port(), "/api/v1/cases/" + number + "/actions", R"({"action":"verify"})",
                       As("verifikator").AuthHeaders())
                  .status,
              200);
    const auto subject_to = [&](const std::string& email) {
        std::string subject;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::GlobalSql kLast{
                "SELECT subject FROM outbox WHERE target = $1 AND channel = 'email' AND subject LIKE $2"
                " ORDER BY created_at DESC, id DESC LIMIT 1"};
            SP_ASSIGN(auto row, tx.QueryOne(kLast, email, "%" + number + "%"));
            if (row) subject = row->Text(0);
            return Status::Ok();
        }));
        return subject;
    };
    EXPECT_EQ(subject_to(reader).rfind("Complaint " + number, 0), 0u) << subject_to(reader);
    EXPECT_EQ(subject_to("warga@serang.satupintu.test").rfind("Pengaduan " + number, 0), 0u)
        << subject_to("warga@serang.satupintu.test");
}

}  // namespace
}  // namespace satupintu::testing
