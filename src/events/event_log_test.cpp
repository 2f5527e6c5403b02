#include "events/event_log.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "core/crypto.hpp"
#include "region/tenants.hpp"

namespace satupintu::events {
namespace {

class EventLogTest : public ::testing::Test {
  protected:
    void SetUp() override {
        crypto::InitCrypto();
        dir_ = std::filesystem::temp_directory_path() / ("sp-events-" + crypto::RandomToken(6));
        store_ = store::OpenStore({.data_dir = dir_.string()}).value();
        ASSERT_TRUE(store_->Migrate());
        ASSERT_TRUE(store_->Write([](store::WriteTx& tx) {
            return region::EnsureTenant(tx, region::Tenant{"36.04", "Kabupaten Serang", 420}, 1000, "test");
        }));
        for (int i = 0; i < 9; ++i) {
            ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) -> Status {
                Event e{"thing.happened", "user:u1", "thing:" + std::to_string(i), {}};
                e.payload["n"] = i;
                e.payload["note"] = "catatan ke-" + std::to_string(i);
                return Append(tx, store::TenantId("36.04"), 2000 + i, e).status();
            }));
        }
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    // Edits the database file behind the store's back, as an attacker with disk access would.
    void Tamper(const std::string& sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((dir_ / "satupintu.db").c_str(), &db), SQLITE_OK);
        char* err = nullptr;
        const std::string script =
            "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; " + sql;
        ASSERT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
        sqlite3_close(db);
    }

    VerifyReport Verify36() { return Verify(*store_, store::TenantId("36.04")).value(); }

    std::filesystem::path dir_;
    std::unique_ptr<store::Store> store_;
};

// Chains written by every earlier release must still verify: the hashed form of an entry is fixed.
TEST(EntryHashFormat, IsTheSha256OfThePreviousHashAndTheCanonicalEntry) {
    const std::string payload = R"({"a":"baris\n\"kutip\" \u00fc \u0001","b":[1,-2,{"c":null,"d":true}],"n":42})";
    bool ok = false;
    const std::string hash = EntryHash(std::string(64, 'a'), "36.04", 7, 1767225600123, "case.filed", "user:01abc",
                                       "case:01xyz", payload, &ok);
    EXPECT_FALSE(ok);  // \u00fc is not how the canonical form writes that letter
    const std::string canonical = R"({"a":"baris\n\"kutip\" ü \u0001","b":[1,-2,{"c":null,"d":true}],"n":42})";
    EXPECT_EQ(EntryHash(std::string(64, 'a'), "36.04", 7, 1767225600123, "case.filed", "user:01abc", "case:01xyz",
                        canonical, &ok),
              "a13162716e44e506f48a4f12450a4c67aef3dcc9d87c86c3c7b9d748cb6d88be");
    EXPECT_TRUE(ok);
}

TEST_F(EventLogTest, AnIntactChainVerifies) {
    const auto r = Verify36();
    EXPECT_FALSE(r.broken);
    EXPECT_EQ(r.entries, 10);  // tenant.created + 9
}

TEST_F(EventLogTest, OneChangedByteInAnyColumnNamesThatEntry) {
    const char* edits[] = {
        "UPDATE events SET payload = replace(payload, 'ke-4', 'ke-5') WHERE seq = 6",
        "UPDATE events SET type = 'thing.happenee' WHERE seq = 6",
        "UPDATE events SET actor = 'user:u2' WHERE seq = 6",
        "UPDATE events SET at = at + 1 WHERE seq = 6",
        "UPDATE events SET hash = substr(hash, 1, 63) || CASE substr(hash, 64) WHEN '0' THEN '1' ELSE '0' END"
        " WHERE seq = 6",
    };
    for (const char* edit : edits) {
        TearDown();
        SetUp();
        Tamper(edit);
        const auto r = Verify36();
        ASSERT_TRUE(r.broken) << edit;
        // A changed hash breaks the link from the next entry; anything else breaks the entry itself.
        EXPECT_EQ(r.broken->seq, 6) << edit << ": " << r.broken->reason;
        EXPECT_EQ(r.broken->tenant, "36.04");
    }
}

TEST_F(EventLogTest, DeletedOrTruncatedEntriesAreFound) {
    Tamper("DELETE FROM events WHERE seq = 4");
    EXPECT_EQ(Verify36().broken->seq, 4);
    TearDown();
    SetUp();
    Tamper("DELETE FROM events WHERE seq = 10");
    EXPECT_EQ(Verify36().broken->seq, 10) << "the head still names the removed last entry";
}

TEST_F(EventLogTest, TheStoreRefusesUpdatesAndDeletes) {
    static constexpr store::TenantSql kUpdate{"UPDATE events SET type = 'x' WHERE tenant = $1"};
    EXPECT_FALSE(store_->Write([](store::WriteTx& tx) { return tx.Exec(kUpdate, store::TenantId("36.04")).status(); }));
    EXPECT_FALSE(Verify36().broken);
}

TEST_F(EventLogTest, AFailedWriteLeavesNoEvent) {
    const Status st = store_->Write([](store::WriteTx& tx) -> Status {
        SP_TRY(Append(tx, store::TenantId("36.04"), 5000, Event{"half.done", "system", "x", {}}));
        return Err(Errc::kInvalidInput, "the change after the event failed");
    });
    EXPECT_FALSE(st);
    EXPECT_EQ(Verify36().entries, 10);
    EXPECT_FALSE(Verify36().broken);
}

TEST_F(EventLogTest, DailyHeadsNameTheLastEntryOfTheDay) {
    auto heads = DailyHeads(*store_, "1970-01-01").value();
    ASSERT_EQ(heads.size(), 1u);
    EXPECT_EQ(heads[0].seq, 10);
    auto before = DailyHeads(*store_, "1969-12-30").value();
    EXPECT_EQ(before[0].seq, 0);
    EXPECT_EQ(before[0].hash, kGenesisHash);
}

}  // namespace
}  // namespace satupintu::events
