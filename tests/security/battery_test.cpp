// The battery (issue 13) beyond the sweep. Overload: work past the server's pending limit gets 503
// with Retry-After and nothing else (no reset, no 500, no answer so late the client gave up); so
// does a connection past the connection cap (ServerLimits.ConnectionCapAndHstsBehindAProxy).
// Session replay: an ended session stays ended. Mass assignment: fields a caller may not set are
// ignored.
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

TEST(Overload, WorkPastThePendingLimitGets503WithRetryAfterAndNothingElse) {
    app::Config c = TestConfig();
    c.max_pending = 2;
    c.writer_threads = 1;
    TestServer server(c);
    // Each login checks a password with Argon2id on the writer pool: slow by design.
    std::vector<std::future<HttpResult>> tries;
    for (int i = 0; i < 24; ++i) {
        tries.push_back(std::async(std::launch::async, [&server, i] {
            const std::string body = R"({"region":"36.04","login":"tidak.ada)" + std::to_string(i) +
                                     R"(@example.test","password":"salah-sekali"})";
            return PostJson(server.port(), "/api/v1/auth/login", body);
        }));
    }
    std::map<int, int> statuses;
    for (auto& t : tries) {
        const HttpResult r = t.get();
        ++statuses[r.status];
        if (r.status == 503) {
            EXPECT_EQ(r.Header("retry-after"), "1");
            EXPECT_EQ(json::parse(r.body).at("code"), "unavailable");
        }
    }
    EXPECT_GT(statuses[503], 0) << "the load was shed";
    EXPECT_GT(statuses[401], 0) << "the work within the limit was done";
    EXPECT_EQ(statuses[401] + statuses[503], 24) << "nothing but 401 and 503";
    EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
}

class SessionBattery : public ApiTest {};

TEST_F(SessionBattery, AnEndedOrReplacedSessionCannotBeReplayed) {
    const Session first = As("warga");
    const Session second = As("warga");  // the same person on another device
    ASSERT_EQ(Get(port(), "/api/v1/me", first.AuthHeaders()).status, 200);
    auto out = PostJson(port(), "/api/v1/auth/logout", "{}", first.AuthHeaders());
    ASSERT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(Get(port(), "/api/v1/me", first.AuthHeaders()).status, 401) << "a logged-out cookie replayed";
    EXPECT_EQ(Get(port(), "/api/v1/me", second.AuthHeaders()).status, 200) << "the other device stays in";
    // Another session's CSRF token does not make a write.
    Headers mixed;
    mixed.Add("Cookie", second.cookie).Add("X-CSRF-Token", first.csrf);
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/logout", "{}", mixed).status, 403);
}

TEST_F(SessionBattery, FieldsACallerMayNotSetAreIgnored) {
    // A citizen files with the fields of an officer's work: they do not take.
    const Session warga = As("warga");
    json::object body{{"service_code", "SAMPAH"},
                      {"description", "Sampah di depan sekolah tidak diangkut seminggu"},
                      {"lat", -6.0401},
                      {"long", 106.112759},
                      {"status", "closed"},
                      {"opd_id", "bukan-opd"},
                      {"reporter_id", "orang-lain"},
                      {"rating", 5},
                      {"tenant", "32.16"},
                      {"number", "ADU-2026-999999"}};
    auto r = PostJson(port(), "/api/v1/complaints", json::serialize(body), warga.AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    const auto filed = json::parse(r.body);
    EXPECT_EQ(filed.at("status"), "received");
    EXPECT_NE(filed.at("number"), "ADU-2026-999999");
    EXPECT_NE(filed.at("opd_id"), "bukan-opd");
    EXPECT_TRUE(filed.at("rating").is_null());
    const auto me = json::parse(Get(port(), "/api/v1/me", warga.AuthHeaders()).body);
    const auto staff = json::parse(
        Get(port(), "/api/v1/cases/" + std::string(filed.at("number").as_string()), As("verifikator").AuthHeaders())
            .body);
    EXPECT_EQ(staff.at("reporter_id"), me.at("user").at("id"));
    // A registration that names a role, an OPD or a verified NIK gets none of them.
    auto reg = RegisterAndConfirm({{"region", "36.04"},
                                   {"email", "peran.palsu@example.test"},
                                   {"password", "Kata-Sandi-Peran-2"},
                                   {"name", "Peran Palsu"},
                                   {"role", "admin"},
                                   {"opd_id", FirstOpdId(Admin())},
                                   {"nik_verified", true},
                                   {"disabled", false}});
    ASSERT_EQ(reg.status, 201) << reg.body;
    const auto user = json::parse(reg.body).at("user");
    EXPECT_EQ(user.at("role"), "citizen");
    EXPECT_TRUE(user.at("opd_id").is_null());
    EXPECT_FALSE(user.at("nik_verified").as_bool());
}

}  // namespace
}  // namespace satupintu::testing
