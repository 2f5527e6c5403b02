// Idempotency keys on write routes (issue 15): a retried POST answers with the first result and
// writes once, whether the retry comes after the answer, at the same moment, or from a caller
// without an account; a key reused for another request is refused.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/crypto.hpp"
#include "store/lease.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

class IdempotencyTest : public ApiTest {
  protected:
    static int64_t CasesDescribed(const std::string& description) {
        int64_t n = -1;
        EXPECT_TRUE(store().Read([&](store::ReadTx& tx) -> Status {
            static constexpr store::TenantSql kCount{
                "SELECT count(*) FROM cases WHERE tenant = $1 AND description = $2"};
            SP_ASSIGN(auto row, tx.QueryOne(kCount, store::TenantId("36.04"), description));
            n = row->Int(0);
            return Status::Ok();
        }));
        return n;
    }
    static std::string Filing(const std::string& description) {
        return json::serialize(json::object{
            {"service_code", "DRAINASE"}, {"description", description}, {"lat", -6.0401}, {"long", 106.112759}});
    }
    // Sends until the first request's answer is kept (it is kept without waiting for it).
    static HttpResult Retry(const std::string& target, const std::string& body, const Headers& h) {
        HttpResult r;
        for (int i = 0; i < 200; ++i) {
            r = PostJson(port(), target, body, h);
            if (r.status != 409) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return r;
    }
};

TEST_F(IdempotencyTest, ARetriedFilingAnswersWithTheFirstResultAndFilesOnce) {
    const std::string description = "Got mampet depan balai desa, kunci idempotensi satu";
    Headers h = As("warga").AuthHeaders();
    h.Add("Idempotency-Key", "9f0c7a52-4b1e-4d7e-9a55-0c1f2d3e4a01");
    auto first = PostJson(port(), "/api/v1/complaints", Filing(description), h);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_TRUE(first.Header("idempotent-replayed").empty());
    auto again = Retry("/api/v1/complaints", Filing(description), h);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.Header("idempotent-replayed"), "true");
    EXPECT_EQ(Body(again).at("number"), Body(first).at("number"));
    EXPECT_EQ(CasesDescribed(description), 1);

    // Signed in again (a new session, as after a lost cookie), the retry is still the same.
    Headers relogged = As("warga").AuthHeaders();
    relogged.Add("Idempotency-Key", "9f0c7a52-4b1e-4d7e-9a55-0c1f2d3e4a01");
    auto after_login = Retry("/api/v1/complaints", Filing(description), relogged);
    ASSERT_EQ(after_login.status, 201) << after_login.body;
    EXPECT_EQ(after_login.Header("idempotent-replayed"), "true");
    EXPECT_EQ(CasesDescribed(description), 1);

    // The same key with another request is refused, and writes nothing.
    auto other = PostJson(port(), "/api/v1/complaints", Filing(description + " (lain)"), h);
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_EQ(Code(other), "idempotency_key_reused");
    EXPECT_EQ(CasesDescribed(description + " (lain)"), 0);

    // Without a key, a second POST is a second report; another caller's key is its own.
    Headers plain = As("warga").AuthHeaders();
    ASSERT_EQ(PostJson(port(), "/api/v1/complaints", Filing(description), plain).status, 201);
    EXPECT_EQ(CasesDescribed(description), 2);
    Headers neighbour = As("petugas.pupr").AuthHeaders();
    neighbour.Add("Idempotency-Key", "9f0c7a52-4b1e-4d7e-9a55-0c1f2d3e4a01");
    auto officer = PostJson(port(), "/api/v1/cases/" + std::string(Body(first).at("number").as_string()) + "/actions",
                            R"({"action":"forward","note":"ke PUPR"})", neighbour);
    EXPECT_NE(officer.status, 422) << "the key is scoped to its caller: " << officer.body;
}

TEST_F(IdempotencyTest, TwoCopiesAtOnceFileOnceAndAReportWithoutAnAccountToo) {
    const std::string description = "Sampah menumpuk di pasar, dikirim dua kali sekaligus";
    Headers h = As("warga").AuthHeaders();
    h.Add("Idempotency-Key", "dua-kali-sekaligus-0001");
    HttpResult a, b;
    std::thread t1([&] { a = PostJson(port(), "/api/v1/complaints", Filing(description), h); });
    std::thread t2([&] { b = PostJson(port(), "/api/v1/complaints", Filing(description), h); });
    t1.join();
    t2.join();
    for (const auto* r : {&a, &b}) EXPECT_TRUE(r->status == 201 || r->status == 409) << r->status << " " << r->body;
    EXPECT_TRUE(a.status == 201 || b.status == 201);
    auto settled = Retry("/api/v1/complaints", Filing(description), h);
    ASSERT_EQ(settled.status, 201) << settled.body;
    const auto& winner = a.status == 201 ? a : b;
    EXPECT_EQ(Body(settled).at("number"), Body(winner).at("number"));
    EXPECT_EQ(CasesDescribed(description), 1);

    // An anonymous rahasia report: the retry gets the same number and the same access key.
    const std::string secret = "Diminta uang di loket, dikirim ulang karena sinyal putus";
    const std::string body = json::serialize(json::object{{"service_code", "PUNGLI"},
                                                          {"description", secret},
                                                          {"lat", -6.0401},
                                                          {"long", 106.112759},
                                                          {"anonymous", true},
                                                          {"rahasia", true}});
    Headers anon;
    anon.Add("Idempotency-Key", "tanpa-akun-0001");
    auto filed = PostJson(port(), "/api/v1/regions/36.04/complaints", body, anon);
    ASSERT_EQ(filed.status, 201) << filed.body;
    auto resent = Retry("/api/v1/regions/36.04/complaints", body, anon);
    ASSERT_EQ(resent.status, 201) << resent.body;
    EXPECT_EQ(Body(resent).at("number"), Body(filed).at("number"));
    EXPECT_EQ(Body(resent).at("access_key"), Body(filed).at("access_key"));
    EXPECT_EQ(CasesDescribed(secret), 1);
}

TEST_F(IdempotencyTest, AKeyOfAnotherShapeIsRefused) {
    Headers h = As("warga").AuthHeaders();
    h.Add("Idempotency-Key", std::string(256, 'k'));
    auto r = PostJson(port(), "/api/v1/complaints", Filing("Kunci terlalu panjang"), h);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(CasesDescribed("Kunci terlalu panjang"), 0);
}

// What several nodes on one database share (issue 15).
class SeveralNodesTest : public ApiTest {};

// Scheduled work runs once across nodes: the lease on the store under test (PostgreSQL in the
// second run), taken by one holder at a time, as two nodes would.
TEST_F(SeveralNodesTest, OneNodeAtATimeHoldsTheScheduledWorkLease) {
    const std::string job = "test-job-" + crypto::RandomToken(4);
    EXPECT_TRUE(store::TakeLease(store(), job, "node-a", 1'000, 30'000).value());
    EXPECT_FALSE(store::TakeLease(store(), job, "node-b", 2'000, 30'000).value());
    EXPECT_TRUE(store::TakeLease(store(), job, "node-a", 25'000, 30'000).value());
    EXPECT_FALSE(store::TakeLease(store(), job, "node-b", 54'999, 30'000).value());
    EXPECT_TRUE(store::TakeLease(store(), job, "node-b", 55'001, 30'000).value()) << "node-a stopped renewing";
    EXPECT_FALSE(store::TakeLease(store(), job, "node-a", 55'002, 30'000).value());
}

// Each node renews a heartbeat lease and counts the live ones; the per-address and per-account
// limits are then shared among them (PostgreSQL: the store several nodes share).
TEST_F(SeveralNodesTest, TheRateLimitsAreSharedAmongTheLiveNodes) {
    if (store().kind() != store::Kind::kPostgres) GTEST_SKIP() << "several nodes share a PostgreSQL database";
    const auto nodes_seen = [&](int64_t want) {
        for (int i = 0; i < 80; ++i) {
            const auto r = Get(port(), "/readyz");
            if (r.status == 200 && Body(r).at("nodes").as_int64() == want) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    };
    ASSERT_TRUE(nodes_seen(1));
    // Another node comes up: its heartbeat, as it would renew it.
    const int64_t now = server_->app().api().clock.NowMs();
    ASSERT_TRUE(store::TakeLease(store(), "node:another-test-node", "another", now, 3'600'000).value());
    ASSERT_TRUE(nodes_seen(2)) << "counted within a heartbeat or two";
    EXPECT_EQ(server_->app().api().account_limiter.share(), 2);
    ASSERT_TRUE(store::ReleaseLease(store(), "node:another-test-node", "another"));
    EXPECT_TRUE(nodes_seen(1)) << "and forgotten when it is gone";
    EXPECT_EQ(server_->app().api().account_limiter.share(), 1);
}

// Guessing one account from many addresses is stopped on every node alike: the account-wide count
// lives in the store. Here the other nodes' failures are put in the store as they would have
// counted them; this node's next failure reaches the limit.
TEST_F(SeveralNodesTest, AnAccountGuessedAtAcrossNodesIsLockedOnEveryNodeButItsOwnersDevice) {
    const std::string email = "tebakan@example.test", password = "Sandi-Benar-Sekali-01";
    ASSERT_EQ(
        RegisterAndConfirm({{"region", "36.04"}, {"email", email}, {"password", password}, {"name", "Warga"}}).status,
        201);
    const auto login = [&](const std::string& pw, const std::string& device) {
        Headers h;
        if (!device.empty()) h.Add("Cookie", device);
        return PostJson(port(), "/api/v1/auth/login",
                        json::serialize(json::object{{"region", "36.04"}, {"login", email}, {"password", pw}}), h);
    };
    // The owner's phone logs in once and becomes a known device.
    auto owner = login(password, "");
    ASSERT_EQ(owner.status, 200) << owner.body;
    std::string device;
    for (const auto& c : owner.set_cookies) {
        if (c.rfind("__Host-sp_device=", 0) == 0) device = c.substr(0, c.find(';'));
    }
    ASSERT_FALSE(device.empty());

    // 49 failures counted by other nodes within the window.
    const int64_t now = server_->app().api().clock.NowMs();
    ASSERT_TRUE(store().Write([&](store::WriteTx& tx) -> Status {
        static constexpr store::GlobalSql kOthers{
            "INSERT INTO login_failures(account, first_at, failures) VALUES ($1, $2, 49)"};
        return tx.Exec(kOthers, crypto::Sha256Hex("36.04|" + email), now - 60'000).status();
    }));
    EXPECT_EQ(login("salah-satu-kali", "").status, 401) << "the fiftieth failure, on this node";
    auto locked = login(password, "");
    EXPECT_EQ(locked.status, 429) << "even the right password, from an unknown device: " << locked.body;
    EXPECT_FALSE(locked.Header("retry-after").empty());
    EXPECT_EQ(login(password, device).status, 200) << "the owner's device still gets in";
    EXPECT_EQ(login(password, "").status, 200) << "and the owner's success started the count again";
}

}  // namespace
}  // namespace satupintu::testing
