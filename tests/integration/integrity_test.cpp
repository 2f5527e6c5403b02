// Fail-stop on a tampered audit log (issue 13, finding 4): the server verifies every chain and the
// log's append-only guards at start; anything wrong halts all writes and takes the node out of
// service (/readyz 503), while public reads go on.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "events/event_log.hpp"
#include "support/api_fixture.hpp"

namespace satupintu::testing {
namespace {

void Sql(const std::string& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

int64_t Head(store::Store& store) {
    int64_t seq = -1;
    EXPECT_TRUE(store.Read([&](store::ReadTx& tx) -> Status {
        SP_ASSIGN(seq, events::HeadSeq(tx, store::TenantId("36.04")));
        return Status::Ok();
    }));
    return seq;
}

// The server on `config`'s data must refuse to grow its log: not ready, every write 503.
void ExpectHalted(const app::Config& config, const std::string& why) {
    TestServer server(config, /*seed=*/false);
    server.KeepData();
    auto ready = Get(server.port(), "/readyz");
    EXPECT_EQ(ready.status, 503);
    const auto body = json::parse(ready.body).as_object();
    EXPECT_EQ(body.at("code"), "writes_halted");
    // The reason is for the operator (in English, as the log says it).
    EXPECT_NE(std::string(body.at("hint").as_string()).find(why), std::string::npos) << ready.body;
    const int64_t before = Head(server.app().store());
    auto login = PostJson(
        server.port(), "/api/v1/auth/login",
        R"({"region":"36.04","login":"warga@serang.satupintu.test","password":")" + std::string(kPassword) + R"("})");
    EXPECT_EQ(login.status, 503);
    EXPECT_EQ(json::parse(login.body).at("code"), "writes_halted");
    EXPECT_EQ(Head(server.app().store()), before) << "nothing appended";
    auto open_data = Get(server.port(), "/api/v1/regions/36.04/complaints");
    EXPECT_EQ(open_data.status, 200) << "public reads go on";
    // The command center (and the auditor watching it) is told.
    auto summary = Get(server.port(), "/api/v1/regions/36.04/dashboard/summary");
    ASSERT_EQ(summary.status, 200);
    EXPECT_EQ(json::parse(summary.body).at("halted"), "audit_chain");
}

TEST(AuditAtStart, ASoundLogIsReadyAndATamperedOneHaltsEveryWrite) {
    if (StoreUnderTest() != "sqlite") GTEST_SKIP() << "tampers with the SQLite file directly";
    const app::Config config = TestConfig();
    const std::string db = config.data_dir + "/satupintu.db";
    {
        TestServer first(config);
        first.KeepData();
        EXPECT_EQ(Get(first.port(), "/readyz").status, 200);
        EXPECT_TRUE(
            json::parse(Get(first.port(), "/api/v1/regions/36.04/dashboard/summary").body).at("halted").is_null());
    }
    // Someone with the file drops the guards and changes one byte of an entry's payload.
    Sql(db,
        "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; "
        "UPDATE events SET payload = replace(payload, 'Serang', 'Sereng') WHERE tenant = '36.04' AND seq = "
        "(SELECT min(seq) FROM events WHERE tenant = '36.04' AND payload LIKE '%Serang%')");
    ExpectHalted(config, "append-only triggers");
    // ...and puts the guards back to cover the tracks: the chain still tells.
    Sql(db,
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END; "
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;");
    ExpectHalted(config, "tenant 36.04: entry");
}

}  // namespace
}  // namespace satupintu::testing
