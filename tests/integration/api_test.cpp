// Whole-server tests: a real server on loopback, a real store (SQLite or PostgreSQL, chosen by
// SATUPINTU_TEST_STORE), requests over real sockets.
#include <gtest/gtest.h>

#include <zlib.h>
#include <cctype>
#include <filesystem>
#include <set>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "identity/api_keys.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

void ExpectSecurityHeaders(const HttpResult& r) {
    EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r.Header("content-security-policy").find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
    EXPECT_FALSE(r.Header("x-request-id").empty());
}

TEST_F(ApiTest, HealthAndReadiness) {
    auto h = Get(port(), "/healthz");
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(Body(h).at("status"), "ok");
    auto r = Get(port(), "/readyz");
    EXPECT_EQ(r.status, 200);
    EXPECT_GE(Body(r).at("schema_version").as_int64(), 1);
}

// Issue 14: a dead link answered a person with raw JSON.
TEST_F(ApiTest, ADeadLinkGivesABrowserAPageAndAClientAProblem) {
    const Headers browser = Headers().Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    auto page = Get(port(), "/lacak-laporan-lama", browser);
    EXPECT_EQ(page.status, 404);
    EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(page.body.find("Halaman tidak ditemukan"), std::string::npos);
    ExpectSecurityHeaders(page);
    auto client = Get(port(), "/lacak-laporan-lama");
    EXPECT_EQ(client.status, 404);
    EXPECT_EQ(client.Header("content-type").rfind("application/problem+json", 0), 0u);
    auto api = Get(port(), "/api/v1/tidak-ada", browser);
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.Header("content-type").rfind("application/problem+json", 0), 0u) << "the API answers the API's way";
    EXPECT_EQ(Request(port(), "POST", "/lacak-laporan-lama", "", browser).status, 404);
}

TEST_F(ApiTest, LoginPageIsServedWithHashedAssets) {
    auto page = Get(port(), "/login");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
    ExpectSecurityHeaders(page);
    const auto at = page.body.find("/static/js/login.js?v=");
    ASSERT_NE(at, std::string::npos) << "the page names its script with a content hash";
    const std::string asset = page.body.substr(at, page.body.find('"', at) - at);
    auto js = Get(port(), asset);
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
    auto again = Get(port(), asset, Headers().Add("If-None-Match", js.Header("etag")));
    EXPECT_EQ(again.status, 304);
    auto unversioned = Get(port(), "/static/js/login.js");
    EXPECT_EQ(unversioned.Header("cache-control"), "no-cache");
}

// Text assets go gzip-compressed to clients that accept it (a slow phone link), with their own
// ETag; the bytes inflate to exactly the plain file.
TEST_F(ApiTest, TextAssetsAreSentCompressedToThoseWhoAcceptIt) {
    const std::string asset = "/static/vendor/chart.umd.min.js";
    auto plain = Get(port(), asset);
    ASSERT_EQ(plain.status, 200);
    EXPECT_EQ(plain.Header("content-encoding"), "");
    EXPECT_EQ(plain.Header("vary"), "accept-encoding");
    auto zipped = Get(port(), asset, Headers().Add("Accept-Encoding", "gzip, deflate, br"));
    ASSERT_EQ(zipped.status, 200);
    EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
    EXPECT_LT(zipped.body.size(), plain.body.size() / 2);
    EXPECT_NE(zipped.Header("etag"), plain.Header("etag"));
    std::string inflated(plain.body.size() + 1, '\0');
    z_stream z{};
    ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(zipped.body.data());
    z.avail_in = static_cast<uInt>(zipped.body.size());
    z.next_out = reinterpret_cast<Bytef*>(inflated.data());
    z.avail_out = static_cast<uInt>(inflated.size());
    EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
    inflated.resize(z.total_out);
    inflateEnd(&z);
    EXPECT_EQ(inflated, plain.body);
    auto again =
        Get(port(), asset, Headers().Add("Accept-Encoding", "gzip").Add("If-None-Match", zipped.Header("etag")));
    EXPECT_EQ(again.status, 304);
    auto refused = Get(port(), asset, Headers().Add("Accept-Encoding", "gzip;q=0, identity"));
    EXPECT_EQ(refused.Header("content-encoding"), "");
}

TEST_F(ApiTest, ErrorsAreProblemJsonWithSecurityHeaders) {
    auto r = Get(port(), "/no/such/route");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.Header("content-type"), "application/problem+json; charset=utf-8");
    EXPECT_EQ(Code(r), "not_found");
    EXPECT_EQ(Body(r).at("title"), "Tidak ditemukan.");
    ExpectSecurityHeaders(r);
    auto en = Get(port(), "/no/such/route", Headers().Add("Accept-Language", "en-US,en;q=0.9"));
    EXPECT_EQ(Body(en).at("title"), "Not found.");
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
    auto r = Request(port(), "DELETE", "/api/v1/auth/login");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.Header("allow"), "POST");
    EXPECT_EQ(Code(r), "method_not_allowed");
    // Regression (issue 13, finding 10): Allow omitted HEAD, which every GET route serves.
    r = Request(port(), "DELETE", "/healthz");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.Header("allow"), "GET, HEAD");
}

TEST_F(ApiTest, LoginSetsAHostOnlySecureCookieAndLogoutEndsIt) {
    json::object body{{"region", "36.04"}, {"login", "petugas.pupr@serang.satupintu.test"}, {"password", kPassword}};
    auto r = PostJson(port(), "/api/v1/auth/login", json::serialize(body));
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.set_cookies.size(), 2u) << "the session, and the device cookie of a first login from this browser";
    const std::string& c = r.set_cookies[0];
    EXPECT_EQ(c.rfind("__Host-sp_session=", 0), 0u);
    for (const char* attr : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax"}) {
        EXPECT_NE(c.find(attr), std::string::npos) << attr;
    }
    EXPECT_EQ(c.find("Domain"), std::string::npos);
    const std::string& device = r.set_cookies[1];
    EXPECT_EQ(device.rfind("__Host-sp_device=", 0), 0u);
    for (const char* attr : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict", "; Max-Age=31536000"}) {
        EXPECT_NE(device.find(attr), std::string::npos) << attr;
    }
    EXPECT_EQ(Body(r).at("user").at("role"), "officer");

    Session s{c.substr(0, c.find(';')), std::string(Body(r).at("csrf_token").as_string())};
    EXPECT_EQ(Get(port(), "/api/v1/me", s.AuthHeaders()).status, 200);
    EXPECT_EQ(Request(port(), "POST", "/api/v1/auth/logout", "", s.AuthHeaders()).status, 204);
    auto after = Get(port(), "/api/v1/me", s.AuthHeaders());
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(Code(after), "unauthenticated");
}

TEST_F(ApiTest, EachLoginRotatesTheSession) {
    Session first = Admin();
    Headers h = first.AuthHeaders();
    json::object body{{"region", "36.04"}, {"login", "admin@serang.satupintu.test"}, {"password", kPassword}};
    auto r = PostJson(port(), "/api/v1/auth/login", json::serialize(body), h);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.set_cookies.at(0).substr(0, r.set_cookies[0].find(';')), first.cookie);
    EXPECT_EQ(Get(port(), "/api/v1/me", first.AuthHeaders()).status, 401) << "the old session ended";
}

TEST_F(ApiTest, WrongPasswordIsRefusedAndUnknownAccountLooksTheSame) {
    json::object wrong{
        {"region", "36.04"}, {"login", "auditor@serang.satupintu.test"}, {"password", "not-the-password"}};
    json::object unknown{
        {"region", "36.04"}, {"login", "nobody@serang.satupintu.test"}, {"password", "not-the-password"}};
    auto a = PostJson(port(), "/api/v1/auth/login", json::serialize(wrong));
    auto b = PostJson(port(), "/api/v1/auth/login", json::serialize(unknown));
    EXPECT_EQ(a.status, 401);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(Code(a), "bad_credentials");
}

// The `__Host-sp_device` cookie a successful login gave, as a Cookie header value.
std::string DeviceCookieOf(const HttpResult& login) {
    for (const auto& c : login.set_cookies) {
        if (c.rfind("__Host-sp_device=", 0) == 0) return c.substr(0, c.find(';'));
    }
    return "";
}

TEST_F(ApiTest, RepeatedFailedLoginsEndIn429WithRetryAfterButNeverLockTheOwnersDevice) {
    identity::LoginThrottle::Policy p;
    p.free_failures = 2;
    p.lockout_failures = 5;
    p.max_delay_ms = 20;
    server_->app().api().login_throttle.SetPolicy(p);
    json::object right{{"region", "36.04"}, {"login", "lab@serang.satupintu.test"}, {"password", kPassword}};
    auto owner = PostJson(port(), "/api/v1/auth/login", json::serialize(right));
    ASSERT_EQ(owner.status, 200);
    const std::string device = DeviceCookieOf(owner);
    ASSERT_FALSE(device.empty()) << "a successful login makes the browser a known device";

    json::object wrong = right;
    wrong["password"] = "wrong-password-1";
    std::vector<int> statuses;
    std::string retry_after;
    for (int i = 0; i < 8; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));  // past each wait
        auto r = PostJson(port(), "/api/v1/auth/login", json::serialize(wrong));
        statuses.push_back(r.status);
        retry_after = r.Header("retry-after");
    }
    EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 401, 401, 429, 429, 429}));
    EXPECT_GT(std::stoi(retry_after), 0);
    // Locked from this address even with the right password, until the window passes...
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/login", json::serialize(right)).status, 429);
    // ...but not for the owner's known device, nor for another account behind the same address.
    auto from_device = PostJson(port(), "/api/v1/auth/login", json::serialize(right), Headers().Add("Cookie", device));
    EXPECT_EQ(from_device.status, 200) << from_device.body;
    EXPECT_TRUE(DeviceCookieOf(from_device).empty()) << "a known device keeps its cookie";
    json::object other{{"region", "36.04"}, {"login", "admin@serang.satupintu.test"}, {"password", kPassword}};
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/login", json::serialize(other)).status, 200);
    // A forged device cookie is an unknown device.
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/login", json::serialize(right),
                       Headers().Add("Cookie", "__Host-sp_device=forged.0000"))
                  .status,
              429);
    server_->app().api().login_throttle.SetPolicy(identity::LoginThrottle::Policy{});
}

// Issue 13 finding 2: 100 parallel wrong passwords for one account got 73 password checks.
TEST_F(ApiTest, ParallelGuessesGetAtMostTheFreeFailuresChecked) {
    // An account nobody has (throttled the same way), so other tests' logins are not slowed.
    json::object wrong{{"region", "36.04"}, {"login", "tebakan@serang.satupintu.test"}, {"password", "tebak-tebakan"}};
    const std::string body = json::serialize(wrong);
    std::vector<int> statuses(100);
    std::vector<std::thread> threads;
    for (int i = 0; i < 100; ++i) {
        threads.emplace_back([&, i] { statuses[i] = PostJson(port(), "/api/v1/auth/login", body).status; });
    }
    for (auto& t : threads) t.join();
    const auto checked = std::count(statuses.begin(), statuses.end(), 401);
    const auto refused = std::count(statuses.begin(), statuses.end(), 429);
    EXPECT_GE(checked, 1);
    EXPECT_LE(checked, identity::LoginThrottle::Policy{}.free_failures) << "past the free failures, one at a time";
    EXPECT_EQ(checked + refused, 100);
}

TEST_F(ApiTest, CookieWritesNeedTheCsrfToken) {
    Session s = Admin();
    const int64_t before = HeadSeq("36.04");
    Headers no_token;
    no_token.Add("Cookie", s.cookie);
    auto r = PostJson(port(), "/api/v1/opds", R"({"code":"CSRF1","name":"Dinas Uji","kind":"dinas"})", no_token);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(Code(r), "csrf_token_invalid");
    Headers bad = no_token;
    bad.Add("X-CSRF-Token", "forged");
    EXPECT_EQ(PostJson(port(), "/api/v1/opds", R"({"code":"CSRF1","name":"Dinas Uji","kind":"dinas"})", bad).status,
              403);
    EXPECT_EQ(HeadSeq("36.04"), before) << "nothing written";
    auto ok =
        PostJson(port(), "/api/v1/opds", R"({"code":"CSRF1","name":"Dinas Uji","kind":"dinas"})", s.AuthHeaders());
    EXPECT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(HeadSeq("36.04"), before + 1) << "one event for one change";
}

TEST_F(ApiTest, RolesAreEnforced) {
    Session officer = Login(port(), "36.04", "petugas.pupr@serang.satupintu.test", kPassword);
    auto r = PostJson(port(), "/api/v1/opds", R"({"code":"ROLE1","name":"Dinas Uji","kind":"dinas"})",
                      officer.AuthHeaders());
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(Code(r), "forbidden");
    EXPECT_EQ(Get(port(), "/api/v1/opds").status, 401);
}

TEST_F(ApiTest, AnotherTenantsResourcesAreIndistinguishableFromMissingOnes) {
    Session a = Admin("36.04", "serang");
    Session b = Admin("32.16", "bekasi");
    const std::string b_opd = FirstOpdId(b);
    auto b_me = Get(port(), "/api/v1/me", b.AuthHeaders());
    const std::string b_user(Body(b_me).at("user").at("id").as_string());

    for (const std::string path : {"/api/v1/opds/", "/api/v1/users/"}) {
        const std::string id = path == "/api/v1/opds/" ? b_opd : b_user;
        auto foreign = Get(port(), path + id, a.AuthHeaders());
        auto missing = Get(port(), path + "zzzzzzzzzzzzzzzzzzzz", a.AuthHeaders());
        EXPECT_EQ(foreign.status, 404) << path;
        EXPECT_EQ(foreign.body, missing.body) << path;
        EXPECT_EQ(Get(port(), path + id, b.AuthHeaders()).status, 200) << "B itself can read it";
    }
    // A tenant named by the client is ignored: the OPD lands in the caller's region.
    auto created = PostJson(port(), "/api/v1/opds",
                            R"({"code":"TENANT1","name":"Dinas Uji","kind":"dinas","tenant":"32.16","region":"32.16"})",
                            a.AuthHeaders());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id(Body(created).at("id").as_string());
    EXPECT_EQ(Get(port(), "/api/v1/opds/" + id, a.AuthHeaders()).status, 200);
    EXPECT_EQ(Get(port(), "/api/v1/opds/" + id, b.AuthHeaders()).status, 404);
}

TEST_F(ApiTest, BadBodiesAreRefusedAndChangeNothing) {
    Session s = Admin();
    const int64_t before = HeadSeq("36.04");
    struct Case {
        std::string body;
        int status;
        std::string code;
    };
    std::string deep(10000, '[');
    deep += std::string(10000, ']');
    const Case cases[] = {
        {"{\"code\": ", 400, "malformed_json"},
        {"{\"code\":\"X\xff\xfe\",\"name\":\"Dinas\",\"kind\":\"dinas\"}", 400, "invalid_utf8"},
        {"{\"a\":" + deep + "}", 400, "too_deep"},
        {"[1,2,3]", 400, "malformed_json"},
        {R"({"code":"lower case","name":"Dinas Uji","kind":"dinas"})", 400, "invalid_input"},
        {R"({"code":"OK1","name":"Dinas Uji","kind":"no_such_kind"})", 400, "invalid_input"},
        {R"({"code":"OK1","name":"Kecamatan X","kind":"kecamatan","kecamatan_code":"32.16.01"})", 400, "invalid_input"},
    };
    for (const Case& c : cases) {
        auto r = PostJson(port(), "/api/v1/opds", c.body, s.AuthHeaders());
        EXPECT_EQ(r.status, c.status) << c.body.substr(0, 60);
        EXPECT_EQ(Code(r), c.code) << c.body.substr(0, 60);
    }
    Headers text = s.AuthHeaders();
    text.Add("Content-Type", "text/plain");
    auto r = Request(port(), "POST", "/api/v1/opds", R"({"code":"OK2","name":"Dinas Uji","kind":"dinas"})", text);
    EXPECT_EQ(r.status, 415);
    // Regression (issue 13, finding 10): JSON declared in another charset was accepted.
    Headers latin1 = s.AuthHeaders();
    latin1.Add("Content-Type", "application/json; charset=latin1");
    r = Request(port(), "POST", "/api/v1/opds", R"({"code":"OK3","name":"Dinas Uji","kind":"dinas"})", latin1);
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(HeadSeq("36.04"), before) << "nothing written";
    Headers utf8 = s.AuthHeaders();
    utf8.Add("Content-Type", "application/json; Charset=UTF-8");
    r = Request(port(), "POST", "/api/v1/opds", R"({"code":"OK4","name":"Dinas Uji Empat","kind":"dinas"})", utf8);
    EXPECT_EQ(r.status, 201) << r.body;
}

TEST_F(ApiTest, DuplicateCodeIsAConflict) {
    Session s = Admin();
    const std::string body = R"({"code":"DUP1","name":"Dinas Uji","kind":"dinas"})";
    EXPECT_EQ(PostJson(port(), "/api/v1/opds", body, s.AuthHeaders()).status, 201);
    const int64_t before = HeadSeq("36.04");
    auto r = PostJson(port(), "/api/v1/opds", body, s.AuthHeaders());
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(Body(r).at("field"), "code");
    EXPECT_EQ(HeadSeq("36.04"), before);
}

TEST_F(ApiTest, OversizeBodyIsRefusedBeforeItIsSent) {
    const int64_t before = HeadSeq("36.04");
    const auto start = std::chrono::steady_clock::now();
    // Announce 50 MB, send none of it: the answer must come without waiting for the body.
    const std::string reply = RawExchange(port(),
                                          "POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\n"
                                          "Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n",
                                          3000);
    EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply.substr(0, 80);
    EXPECT_NE(reply.find("payload_too_large"), std::string::npos);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
    // A chunked body that grows past the limit is cut off too.
    std::string chunked =
        "POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 40; ++i) chunked += "8000\r\n" + std::string(0x8000, 'a') + "\r\n";
    const std::string reply2 = RawExchange(port(), chunked, 3000);
    EXPECT_EQ(reply2.rfind("HTTP/1.1 413", 0), 0u) << reply2.substr(0, 80);
    EXPECT_EQ(HeadSeq("36.04"), before);
    // Regression (issue 13, finding 10): a photo announced between 5 and 6 MiB was read before it
    // was refused. Refused from its Content-Length now (nothing of it is sent here).
    const auto sent = std::chrono::steady_clock::now();
    const std::string reply3 =
        RawExchange(port(),
                    "POST /api/v1/attachments HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                    "Content-Length: 5767168\r\n\r\n",
                    3000);
    EXPECT_EQ(reply3.rfind("HTTP/1.1 413", 0), 0u) << reply3.substr(0, 80);
    EXPECT_LT(std::chrono::steady_clock::now() - sent, std::chrono::milliseconds(1000));
}

TEST_F(ApiTest, OversizeHeadersAre431) {
    const std::string reply =
        RawExchange(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n", 3000);
    EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 80);
}

TEST_F(ApiTest, GarbageAndPathTricksAre400) {
    // Regression (issue 13, finding 10): an HTTP/1.1 request without Host was served.
    EXPECT_EQ(RawExchange(port(), "GET /healthz HTTP/1.1\r\n\r\n", 2000).rfind("HTTP/1.1 400", 0), 0u);
    EXPECT_EQ(RawExchange(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 2000)
                  .rfind("HTTP/1.1 200", 0),
              0u);
    EXPECT_EQ(RawExchange(port(), "HELLO\r\n\r\n", 2000).rfind("HTTP/1.1 400", 0), 0u);
    EXPECT_EQ(
        RawExchange(port(), "GET /static/../secret.key HTTP/1.1\r\nHost: x\r\n\r\n", 2000).rfind("HTTP/1.1 400", 0),
        0u);
    EXPECT_EQ(RawExchange(port(), "GET /static/%2e%2e/x HTTP/1.1\r\nHost: x\r\n\r\n", 2000).rfind("HTTP/1.1 400", 0),
              0u);
}

TEST_F(ApiTest, SlowClientsAreCutOffAndOthersAreServed) {
    const auto start = std::chrono::steady_clock::now();
    // Half a request line, then silence: the header deadline (1.5 s in tests) closes it.
    const std::string reply = RawExchange(port(), "GET /healthz HTTP/1.1\r\nHost:", 6000);
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_LT(waited, std::chrono::milliseconds(4000));
    EXPECT_EQ(reply.find("200 OK"), std::string::npos);
    EXPECT_EQ(Get(port(), "/healthz").status, 200);
}

TEST_F(ApiTest, CitizenRegistersWithANikThatIsSealedAndShownMasked) {
    json::object body{{"region", "36.04"},    {"email", "Warga.Baru@Example.TEST"}, {"password", "kata-sandi-panjang"},
                      {"name", "Warga Baru"}, {"nik", "3604014101950007"},          {"role", "admin"},
                      {"opd_id", "whatever"}};
    auto r = RegisterAndConfirm(body);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at("user").at("nik"), "3604********0007");
    EXPECT_EQ(Body(r).at("user").at("nik_verified"), false) << "a typed NIK is a claim";
    EXPECT_EQ(Body(r).at("user").at("role"), "citizen") << "a body cannot choose its role";
    EXPECT_EQ(Body(r).at("user").at("email"), "warga.baru@example.test");
    EXPECT_EQ(r.body.find("3604014101950007"), std::string::npos);
    // The store holds only the sealed NIK and its blind index.
    int plain_hits = -1;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kScan{
            "SELECT count(*) FROM users WHERE tenant = $1 AND (nik_sealed LIKE $2 OR nik_index LIKE $2)"};
        SP_ASSIGN(auto row, tx.QueryOne(kScan, store::TenantId("36.04"), "%3604014101950007%"));
        plain_hits = static_cast<int>(row->Int(0));
        return Status::Ok();
    }));
    EXPECT_EQ(plain_hits, 0);
    Session s = Login(port(), "36.04", "warga.baru@example.test", "kata-sandi-panjang");
    EXPECT_EQ(Body(Get(port(), "/api/v1/me", s.AuthHeaders())).at("user").at("nik"), "3604********0007");

    // Someone else types the same NIK: nobody is locked out by a claim (issue 13, finding 6)...
    body["email"] = "warga.lain@example.test";
    auto other = RegisterAndConfirm(body);
    ASSERT_EQ(other.status, 201) << other.body;
    // ...and an officer who has seen the KTP verifies the NIK for one account only.
    Session verifier = As("verifikator");
    const std::string first_id(Body(r).at("user").at("id").as_string());
    const std::string other_id(Body(other).at("user").at("id").as_string());
    auto verified = Request(port(), "POST", "/api/v1/users/" + first_id + "/nik/verify", "", verifier.AuthHeaders());
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_EQ(Body(verified).at("user").at("nik_verified"), true);
    auto twice = Request(port(), "POST", "/api/v1/users/" + other_id + "/nik/verify", "", verifier.AuthHeaders());
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(Request(port(), "POST", "/api/v1/users/" + other_id + "/nik/verify", "", s.AuthHeaders()).status, 403)
        << "a citizen cannot verify a NIK";
    body["email"] = "warga.ketiga@example.test";
    body["nik"] = "3604010000950007";
    auto bad = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(body)));
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(Body(bad).at("field"), "nik");
}

TEST_F(ApiTest, RegisterWithPhoneAndWeakPassword) {
    json::object body{
        {"region", "36.04"}, {"phone", "0812 3456 7890"}, {"password", "cukup-panjang-sekali"}, {"name", "Warga HP"}};
    body.erase("phone");
    auto neither = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(body)));
    EXPECT_EQ(neither.status, 400) << "a registration is confirmed by email or by a code to the phone";
    EXPECT_EQ(Body(neither).at("field"), "email");
    body["phone"] = "0812 3456 7890";
    body["email"] = "warga.hp@example.test";
    body["password"] = "short";
    auto weak = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(body)));
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(Body(weak).at("field"), "password");
    body["password"] = "cukup-panjang-sekali";
    auto ok = RegisterAndConfirm(body);
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(Body(ok).at("user").at("phone"), "+6281234567890");
    EXPECT_NO_THROW(Login(port(), "36.04", "+62 812-3456-7890", "cukup-panjang-sekali"));
}

// Issue 13, finding 6: registering told whether an email existed (409).
TEST_F(ApiTest, RegistrationDoesNotTellWhetherAnAddressHasAnAccount) {
    json::object fresh{{"region", "36.04"},
                       {"email", "orang.baru@example.test"},
                       {"password", "kata-sandi-panjang"},
                       {"name", "Orang Baru"}};
    json::object taken = fresh;
    taken["email"] = "warga@serang.satupintu.test";  // the demo citizen's address
    auto a = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(fresh)));
    auto b = PostJson(port(), "/api/v1/auth/register", json::serialize(Accepting(taken)));
    ASSERT_EQ(a.status, 202) << a.body;
    EXPECT_EQ(b.status, 202);
    std::string b_as_a = b.body;
    b_as_a.replace(b_as_a.find("warga@serang.satupintu.test"), 27, "orang.baru@example.test");
    EXPECT_EQ(a.body, b_as_a) << "the same answer, but for the address it echoes";
    // The account's owner is told instead, with no link that could change the account...
    EXPECT_EQ(ConfirmationToken("36.04", "warga@serang.satupintu.test"), "");
    // ...and the existing password still works, the new one does not.
    EXPECT_NO_THROW(As("warga"));
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/login",
                       R"({"region":"36.04","login":"warga@serang.satupintu.test","password":"kata-sandi-panjang"})")
                  .status,
              401);
    // Nothing exists before the link is opened; the link works once.
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/login",
                       R"({"region":"36.04","login":"orang.baru@example.test","password":"kata-sandi-panjang"})")
                  .status,
              401);
    const std::string token = ConfirmationToken("36.04", "orang.baru@example.test");
    ASSERT_FALSE(token.empty());
    const std::string confirm = R"({"region":"36.04","token":")" + token + R"("})";
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/register/confirm", confirm).status, 201);
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/register/confirm", confirm).status, 404);
    EXPECT_EQ(PostJson(port(), "/api/v1/auth/register/confirm", R"({"region":"36.04","token":"tebakan"})").status, 404);
    EXPECT_NO_THROW(Login(port(), "36.04", "orang.baru@example.test", "kata-sandi-panjang"));
}

TEST_F(ApiTest, ApiKeysAuthenticateWithoutCsrf) {
    identity::NewApiKey key;
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(key, identity::CreateApiKey(tx, store::TenantId("36.04"), "test", "admin", 1, "test"));
        return Status::Ok();
    }));
    Headers h;
    h.Add("Authorization", "Bearer " + key.key);
    auto me = Get(port(), "/api/v1/me", h);
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(Body(me).at("region"), "36.04");
    EXPECT_EQ(PostJson(port(), "/api/v1/opds", R"({"code":"KEY1","name":"Dinas Kunci","kind":"dinas"})", h).status,
              201);
    Headers bad;
    bad.Add("Authorization", "Bearer sp_nope_nope");
    EXPECT_EQ(Get(port(), "/api/v1/me", bad).status, 401);
}

TEST_F(ApiTest, TheEventLogCannotBeRewritten) {
    static constexpr store::TenantSql kUpdate{"UPDATE events SET type = 'x' WHERE tenant = $1"};
    static constexpr store::TenantSql kDelete{"DELETE FROM events WHERE tenant = $1"};
    const int64_t before = HeadSeq("36.04");
    EXPECT_FALSE(store().Write(
        [&](store::WriteTx& tx) -> Status { return tx.Exec(kUpdate, store::TenantId("36.04")).status(); }));
    EXPECT_FALSE(store().Write(
        [&](store::WriteTx& tx) -> Status { return tx.Exec(kDelete, store::TenantId("36.04")).status(); }));
    EXPECT_EQ(HeadSeq("36.04"), before);
}

TEST_F(ApiTest, OnPostgresTheApplicationRoleMayOnlyAppendToTheLog) {
    if (StoreUnderTest() != "postgres") GTEST_SKIP() << "a PostgreSQL privilege";
    ASSERT_TRUE(store().Read([](store::ReadTx& tx) -> Status {
        static constexpr store::GlobalSql kPrivileges{
            "SELECT has_table_privilege(current_user, 'events', 'INSERT')::int::bigint,"
            " has_table_privilege(current_user, 'events', 'UPDATE')::int::bigint,"
            " has_table_privilege(current_user, 'events', 'DELETE')::int::bigint,"
            " has_table_privilege(current_user, 'events', 'TRUNCATE')::int::bigint"};
        SP_ASSIGN(auto row, tx.QueryOne(kPrivileges));
        EXPECT_EQ(row->Int(0), 1);
        EXPECT_EQ(row->Int(1), 0);
        EXPECT_EQ(row->Int(2), 0);
        EXPECT_EQ(row->Int(3), 0);
        return Status::Ok();
    }));
}

TEST_F(ApiTest, DailyAuditHeadsArePublic) {
    auto r = Get(port(), "/api/v1/audit/heads");
    ASSERT_EQ(r.status, 200);
    bool found = false;
    const json::value body = Body(r);
    for (const auto& h : body.at("heads").as_array()) {
        if (h.at("region") == "36.04") {
            found = true;
            EXPECT_EQ(h.at("hash").as_string().size(), 64u);
            EXPECT_GT(h.at("seq").as_int64(), 0);
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(Get(port(), "/api/v1/audit/heads?date=2026-13-45").status, 400);
}

TEST_F(ApiTest, WilayahIsPublic) {
    auto r = Get(port(), "/api/v1/wilayah/36.04");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Body(r).at("name"), "Kabupaten Serang");
    EXPECT_EQ(Body(r).at("children").as_array().size(), 29u);
    EXPECT_EQ(Get(port(), "/api/v1/wilayah/99.99").status, 404);
    EXPECT_EQ(Get(port(), "/api/v1/wilayah/not-a-code").status, 404);
}

TEST_F(ApiTest, RegionsWorkflowsAndBoundariesArePublic) {
    auto regions = Get(port(), "/api/v1/regions");
    ASSERT_EQ(regions.status, 200);
    std::set<std::string> codes;
    const auto list = Body(regions);
    for (const auto& r : list.at("regions").as_array()) codes.insert(std::string(r.at("code").as_string()));
    EXPECT_EQ(codes, (std::set<std::string>{"32.16", "36.04"}));
    auto workflow = Get(port(), "/api/v1/workflows/pengaduan");
    ASSERT_EQ(workflow.status, 200);
    EXPECT_FALSE(Body(workflow).at("actions").as_array().empty());
    EXPECT_EQ(Get(port(), "/api/v1/workflows/nope").status, 404);
    auto map = Get(port(), "/api/v1/regions/36.04/boundaries");
    ASSERT_EQ(map.status, 200);
    EXPECT_EQ(map.Header("content-type").rfind("application/geo+json", 0), 0u);
    EXPECT_EQ(Body(map).at("features").as_array().size(), 29u) << "one outline per kecamatan";
    EXPECT_EQ(Get(port(), "/api/v1/regions/99.99/boundaries").status, 404);
}

TEST_F(ApiTest, AnAdminCreatesAStaffAccountInTheirOwnRegionOnly) {
    const Session admin = Login(port(), "36.04", "admin@serang.satupintu.test", kPassword);
    json::object body{{"role", "officer"},
                      {"name", "Petugas Baru"},
                      {"email", "petugas.baru@serang.satupintu.test"},
                      {"password", "Kata-Sandi-Petugas-9"},
                      {"opd_id", FirstOpdId(admin)},
                      {"region", "32.16"}};
    auto r = PostJson(port(), "/api/v1/users", json::serialize(body), admin.AuthHeaders());
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Body(r).at("user").at("role"), "officer");
    EXPECT_NO_THROW(Login(port(), "36.04", "petugas.baru@serang.satupintu.test", "Kata-Sandi-Petugas-9"))
        << "the account is the admin's region's, whatever the body says";
    body["email"] = "warga.kedua@serang.satupintu.test";
    body["role"] = "citizen";
    EXPECT_EQ(PostJson(port(), "/api/v1/users", json::serialize(body), admin.AuthHeaders()).status, 400)
        << "citizens register themselves";
    body["role"] = "officer";
    const Session verifier = Login(port(), "36.04", "verifikator@serang.satupintu.test", kPassword);
    EXPECT_EQ(PostJson(port(), "/api/v1/users", json::serialize(body), verifier.AuthHeaders()).status, 403);
}

TEST(ApiRateLimit, PerAddressLimitAnswers429WithRetryAfter) {
    app::Config c = TestConfig();
    c.ip_rate_per_s = 1;
    c.ip_burst = 3;
    TestServer server(c, /*seed=*/false);
    int last = 0;
    std::string retry;
    for (int i = 0; i < 5; ++i) {
        auto r = Get(server.port(), "/healthz");
        last = r.status;
        retry = r.Header("retry-after");
    }
    EXPECT_EQ(last, 429);
    EXPECT_GE(std::stoi(retry), 1);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

TEST(ApiRateLimit, PerAccountLimitAnswers429) {
    app::Config c = TestConfig();
    c.account_rate_per_s = 1;
    c.account_burst = 2;
    TestServer server(c);
    Session s = Login(server.port(), "36.04", "auditor@serang.satupintu.test", "SatuPintu-Demo-2026");
    int last = 0;
    for (int i = 0; i < 4; ++i) last = Get(server.port(), "/api/v1/me", s.AuthHeaders()).status;
    EXPECT_EQ(last, 429);
    // Another account is not affected.
    Session other = Login(server.port(), "36.04", "lab@serang.satupintu.test", "SatuPintu-Demo-2026");
    EXPECT_EQ(Get(server.port(), "/api/v1/me", other.AuthHeaders()).status, 200);
}

TEST(ServerLimits, ConnectionCapAndHstsBehindAProxy) {
    app::Config c = TestConfig();
    c.max_connections = 3;
    c.trust_proxy = true;
    TestServer server(c, /*seed=*/false);
    // Three idle connections fill the cap; a fourth gets 503 with Retry-After, unread, and is
    // closed (overload answers 503 and nothing else: issue 13's battery).
    std::vector<std::thread> holders;
    for (int i = 0; i < 3; ++i) {
        holders.emplace_back([&] { RawExchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 1200); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::string over = RawExchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 500);
    EXPECT_EQ(over.rfind("HTTP/1.1 503", 0), 0u) << over;
    EXPECT_NE(over.find("Retry-After: 1\r\n"), std::string::npos) << over;
    EXPECT_NE(over.find(R"("code":"unavailable")"), std::string::npos) << over;
    for (auto& t : holders) t.join();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the held ones time out
    auto tls = Get(server.port(), "/healthz", Headers().Add("X-Forwarded-Proto", "https"));
    EXPECT_EQ(tls.status, 200);
    EXPECT_EQ(tls.Header("strict-transport-security"), "max-age=31536000; includeSubDomains");
    EXPECT_EQ(Get(server.port(), "/healthz").Header("strict-transport-security"), "");
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

// The calendar tests get a server of their own (they change region calendars).
class CalendarApiTest : public ApiTest {};

TEST_F(CalendarApiTest, DeadlineFollowsTheNationalCalendar) {
    auto r = Get(port(), "/api/v1/regions/36.04/calendar/deadline?start=2025-08-15&working_days=3");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = boost::json::parse(r.body);
    EXPECT_EQ(body.at("deadline"), "2025-08-21");
    EXPECT_EQ(body.at("skipped").as_array().size(), 3u);  // Saturday, Sunday (17 August), cuti bersama
}

TEST_F(CalendarApiTest, BadQueriesAre400AndUnknownRegions404) {
    for (const char* q : {"start=2025-02-30&working_days=3", "start=2025-08-15", "start=2025-08-15&working_days=-1",
                          "start=2025-08-15&working_days=99999", "working_days=3"}) {
        EXPECT_EQ(Get(port(), std::string("/api/v1/regions/36.04/calendar/deadline?") + q).status, 400) << q;
    }
    EXPECT_EQ(Get(port(), "/api/v1/regions/99.99/calendar/deadline?start=2025-08-15&working_days=3").status, 404);
}

TEST_F(CalendarApiTest, ARegionMayCountCutiBersamaAsWorkingDays) {
    // From Wednesday 2026-12-23, one working day: 12-24 is cuti bersama, 12-25 Christmas.
    auto deadline = [&] {
        auto r = Get(port(), "/api/v1/regions/32.16/calendar/deadline?start=2026-12-23&working_days=1");
        return std::string(boost::json::parse(r.body).at("deadline").as_string());
    };
    EXPECT_EQ(deadline(), "2026-12-28");
    Session admin = Admin("32.16", "bekasi");
    Headers h = admin.AuthHeaders();
    h.Add("Content-Type", "application/json");
    const int64_t before = HeadSeq("32.16");
    EXPECT_EQ(Request(port(), "PUT", "/api/v1/calendar/settings", R"({"cuti_bersama_is_off":"no"})", h).status, 400);
    EXPECT_EQ(HeadSeq("32.16"), before);
    ASSERT_EQ(Request(port(), "PUT", "/api/v1/calendar/settings", R"({"cuti_bersama_is_off":false})", h).status, 200);
    EXPECT_EQ(deadline(), "2026-12-24");
    EXPECT_EQ(HeadSeq("32.16"), before + 1) << "the change is an event";
    ASSERT_EQ(Request(port(), "PUT", "/api/v1/calendar/settings", R"({"cuti_bersama_is_off":true})", h).status, 200);
    EXPECT_EQ(deadline(), "2026-12-28");
    Session officer = Login(port(), "36.04", "petugas.pupr@serang.satupintu.test", "SatuPintu-Demo-2026");
    EXPECT_EQ(Request(port(), "PUT", "/api/v1/calendar/settings", R"({"cuti_bersama_is_off":false})",
                      officer.AuthHeaders().Add("Content-Type", "application/json"))
                  .status,
              403);
}

TEST_F(CalendarApiTest, AnAdminAddsARegionalHolidayForTheirRegionOnly) {
    Session admin = Login(port(), "36.04", "admin@serang.satupintu.test", "SatuPintu-Demo-2026");
    Headers h = admin.AuthHeaders();
    h.Add("Content-Type", "application/json");
    auto set =
        Request(port(), "PUT", "/api/v1/calendar/days/2026-11-24", R"({"kind":"libur_daerah","name":"Hari Jadi"})", h);
    ASSERT_EQ(set.status, 200) << set.body;
    auto serang = Get(port(), "/api/v1/regions/36.04/calendar/deadline?start=2026-11-23&working_days=1");
    EXPECT_EQ(boost::json::parse(serang.body).at("deadline"), "2026-11-25");
    auto bekasi = Get(port(), "/api/v1/regions/32.16/calendar/deadline?start=2026-11-23&working_days=1");
    EXPECT_EQ(boost::json::parse(bekasi.body).at("deadline"), "2026-11-24");
    auto year = Get(port(), "/api/v1/regions/36.04/calendar?year=2026");
    EXPECT_NE(year.body.find("Hari Jadi"), std::string::npos);
    Session officer = Login(port(), "36.04", "petugas.pupr@serang.satupintu.test", "SatuPintu-Demo-2026");
    Headers oh = officer.AuthHeaders();
    oh.Add("Content-Type", "application/json");
    EXPECT_EQ(
        Request(port(), "PUT", "/api/v1/calendar/days/2026-11-26", R"({"kind":"libur_daerah","name":"X"})", oh).status,
        403);
    EXPECT_EQ(Request(port(), "PUT", "/api/v1/calendar/days/2026-11-26", R"({"kind":"pesta","name":"X"})", h).status,
              400);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

TEST(Sessions, EndAfterIdleAndAbsoluteTimeouts) {
    FakeClock clock(kPinnedNowMs);
    TestServer server(TestConfig(), /*seed=*/true, &clock);
    Session idle = Login(server.port(), "36.04", "auditor@serang.satupintu.test", "SatuPintu-Demo-2026");
    clock.Advance(29 * 60 * 1000);
    EXPECT_EQ(Get(server.port(), "/api/v1/me", idle.AuthHeaders()).status, 200) << "29 minutes idle is fine";
    clock.Advance(29 * 60 * 1000);
    EXPECT_EQ(Get(server.port(), "/api/v1/me", idle.AuthHeaders()).status, 200) << "used again: still alive";
    clock.Advance(31 * 60 * 1000);
    EXPECT_EQ(Get(server.port(), "/api/v1/me", idle.AuthHeaders()).status, 401) << "31 minutes idle ends it";

    // Used every 20 minutes, a session still ends 12 hours after login.
    Session busy = Login(server.port(), "36.04", "auditor@serang.satupintu.test", "SatuPintu-Demo-2026");
    for (int k = 1; k <= 36; ++k) {
        clock.Advance(20 * 60 * 1000);
        ASSERT_EQ(Get(server.port(), "/api/v1/me", busy.AuthHeaders()).status, 200) << "after " << k * 20 << " min";
    }
    clock.Advance(60 * 1000);
    EXPECT_EQ(Get(server.port(), "/api/v1/me", busy.AuthHeaders()).status, 401) << "12 h 1 min after login";
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

class NikViewTest : public ApiTest {};

TEST_F(NikViewTest, AFullNikIsShownOnlyToRolesThatNeedItAndEveryViewIsRecorded) {
    json::object body{{"region", "36.04"},
                      {"email", "pemohon.nik@example.test"},
                      {"password", "kata-sandi-panjang"},
                      {"name", "Pemohon"},
                      {"nik", "3604054207880003"}};
    auto reg = RegisterAndConfirm(body);
    ASSERT_EQ(reg.status, 201) << reg.body;
    const std::string id(Body(reg).at("user").at("id").as_string());
    const std::string path = "/api/v1/users/" + id + "/nik/view";

    Session verifier = Login(port(), "36.04", "verifikator@serang.satupintu.test", kPassword);
    const int64_t before = HeadSeq("36.04");
    auto r = Request(port(), "POST", path, "", verifier.AuthHeaders());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("nik"), "3604054207880003");
    EXPECT_EQ(HeadSeq("36.04"), before + 1) << "the view is an event";
    bool recorded = false;
    ASSERT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
        static constexpr store::TenantSql kLast{
            "SELECT type, subject, payload FROM events WHERE tenant = $1 ORDER BY seq DESC LIMIT 1"};
        SP_ASSIGN(auto row, tx.QueryOne(kLast, store::TenantId("36.04")));
        recorded = row->Text(0) == "nik.viewed" && row->Text(1) == "user:" + id &&
                   row->Text(2).find("3604054207880003") == std::string::npos;
        return Status::Ok();
    }));
    EXPECT_TRUE(recorded) << "nik.viewed names the person, never the NIK";

    Session officer = Login(port(), "36.04", "petugas.pupr@serang.satupintu.test", kPassword);
    EXPECT_EQ(Request(port(), "POST", path, "", officer.AuthHeaders()).status, 403);
    Session other_region = Login(port(), "32.16", "verifikator@bekasi.satupintu.test", kPassword);
    EXPECT_EQ(Request(port(), "POST", path, "", other_region.AuthHeaders()).status, 404);
    EXPECT_EQ(Request(port(), "GET", path, "", verifier.AuthHeaders()).status, 405);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

// Regression (issue 13, finding 9): the public URL printed in QR codes was fixed from the
// configured listen address before --listen applied, so a server on another port printed :8080.
TEST(PublicUrl, FollowsTheListenAddressAsFinallySet) {
    auto config = TestConfig();
    config.public_url.clear();
    config.listen = "127.0.0.1:9099";  // as `serve --listen` sets it, after the config file
    {
        auto app = app::Application::Create(config, nullptr);
        ASSERT_TRUE(app) << app.error().detail;
        EXPECT_EQ((*app)->api().public_url, "http://127.0.0.1:9099");
    }
    config.public_url = "https://layanan.serangkab.example";
    {
        auto app = app::Application::Create(config, nullptr);
        ASSERT_TRUE(app) << app.error().detail;
        EXPECT_EQ((*app)->api().public_url, "https://layanan.serangkab.example");
    }
    if (config.db_url.empty()) std::filesystem::remove_all(config.data_dir);
}

}  // namespace
}  // namespace satupintu::testing

namespace satupintu::testing {
namespace {

// The OpenAPI contract and the route table agree both ways: a new route without its contract,
// or a documented route that is gone, fails here.
TEST_F(ApiTest, EveryJsonRouteIsInTheContractAndEveryContractRouteExists) {
    auto r = Get(port(), "/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
    const auto doc = json::parse(r.body);
    EXPECT_EQ(doc.at("openapi"), "3.1.0");
    // {code}, {number}, ... all read as one placeholder: names need not match.
    const auto normal = [](std::string path) {
        std::string out;
        for (size_t i = 0; i < path.size(); ++i) {
            if (path[i] == '{') {
                out += "{}";
                i = path.find('}', i);
            } else {
                out += path[i];
            }
        }
        return out;
    };
    std::set<std::string> documented, registered;
    for (const auto& [path, ops] : doc.at("paths").as_object()) {
        for (const auto& [method, op] : ops.as_object()) {
            std::string m(method);
            for (char& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            documented.insert(m + " " + normal(std::string(path)));
            EXPECT_TRUE(op.as_object().contains("responses")) << m << " " << path;
        }
    }
    for (const auto& [method, pattern] : server_->app().router().Routes()) {
        const bool json_api = pattern.rfind("/api/v1/", 0) == 0 || pattern == "/healthz" || pattern == "/readyz" ||
                              pattern.rfind("/open-data/", 0) == 0;
        if (json_api) registered.insert(method + " " + normal(pattern));
    }
    for (const auto& route : registered) EXPECT_TRUE(documented.count(route)) << "not in the contract: " << route;
    for (const auto& route : documented) EXPECT_TRUE(registered.count(route)) << "documented, not served: " << route;
    EXPECT_GT(registered.size(), 60u);
    // And a person can read it.
    auto page = Get(port(), "/api/docs");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("/api/v1/openapi.json"), std::string::npos);
}

}  // namespace
}  // namespace satupintu::testing
