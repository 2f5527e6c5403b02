#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/crypto.hpp"

namespace satupintu::store {
namespace {

constexpr GlobalSql kCreate{"CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER)"};
constexpr GlobalSql kInsert{"INSERT INTO t(k, v) VALUES ($1, $2)"};
constexpr GlobalSql kCount{"SELECT count(*) FROM t"};
constexpr GlobalSql kGet{"SELECT v FROM t WHERE k = $1"};

class SqliteStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        crypto::InitCrypto();
        dir_ = std::filesystem::temp_directory_path() / ("sp-sqlite-" + crypto::RandomToken(6));
        store_ = OpenSqliteStore({.data_dir = dir_.string()}).value();
        ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.Exec(kCreate).status(); }));
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    int64_t Count() {
        int64_t n = -1;
        EXPECT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
            SP_ASSIGN(auto row, tx.QueryOne(kCount));
            n = row->Int(0);
            return Status::Ok();
        }));
        return n;
    }
    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, ConcurrentWritesAllLandAndOneFailureSparesItsBatch) {
    std::atomic<int> ok{0}, conflicts{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 64; ++i) {
        threads.emplace_back([&, i] {
            for (int j = 0; j < 20; ++j) {
                // Every 10th write collides with an earlier key and must fail alone.
                const std::string key =
                    (j % 10 == 9) ? "k" + std::to_string(i) + "_0" : "k" + std::to_string(i) + "_" + std::to_string(j);
                Status st = store_->Write([&](WriteTx& tx) { return tx.Exec(kInsert, key, int64_t{j}).status(); });
                (st ? ok : conflicts)++;
                if (!st) {
                    EXPECT_EQ(st.code(), Errc::kConflict);
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 64 * 18);
    EXPECT_EQ(conflicts.load(), 64 * 2);
    EXPECT_EQ(Count(), 64 * 18);
}

TEST_F(SqliteStoreTest, AFailedWriteRollsBackAllOfItsStatements) {
    Status st = store_->Write([](WriteTx& tx) -> Status {
        SP_TRY(tx.Exec(kInsert, "a", int64_t{1}));
        SP_TRY(tx.Exec(kInsert, "b", int64_t{2}));
        return Err(Errc::kInvalidInput, "changed my mind");
    });
    EXPECT_FALSE(st);
    EXPECT_EQ(Count(), 0);
}

TEST_F(SqliteStoreTest, ParametersBindByNumberInAnyOrder) {
    static constexpr GlobalSql kSwapped{"INSERT INTO t(v, k) VALUES ($2, $1)"};
    ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.Exec(kSwapped, "key", int64_t{42}).status(); }));
    ASSERT_TRUE(store_->Read([](ReadTx& tx) -> Status {
        SP_ASSIGN(auto row, tx.QueryOne(kGet, "key"));
        EXPECT_EQ(row->Int(0), 42);
        return Status::Ok();
    }));
}

TEST_F(SqliteStoreTest, BackupIsAConsistentCopy) {
    ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.Exec(kInsert, "x", int64_t{7}).status(); }));
    const auto copy_dir = dir_ / "copy";
    std::filesystem::create_directories(copy_dir);
    ASSERT_TRUE(store_->Backup((copy_dir / "satupintu.db").string()));
    auto copy = OpenSqliteStore({.data_dir = copy_dir.string()}).value();
    ASSERT_TRUE(copy->Read([](ReadTx& tx) -> Status {
        SP_ASSIGN(auto row, tx.QueryOne(kGet, "x"));
        EXPECT_TRUE(row.has_value());
        return Status::Ok();
    }));
}

// The WAL index (DATA/satupintu.db-shm, SQLite's file format, section "WAL-Index Format"): the
// last frame committed (mxFrame, header byte 16) and how many frames the checkpoints have copied
// into the database (nBackfill, byte 96), native byte order.
struct WalProgress {
    uint32_t frames = 0, backfilled = 0;
};
WalProgress ReadWalIndex(const std::filesystem::path& shm) {
    char head[100] = {};
    std::ifstream f(shm, std::ios::binary);
    f.read(head, sizeof head);
    WalProgress p;
    std::memcpy(&p.frames, head + 16, 4);
    std::memcpy(&p.backfilled, head + 96, 4);
    return p;
}

TEST_F(SqliteStoreTest, AnIdleReadersSnapshotDoesNotHoldBackCheckpoints) {
    static constexpr GlobalSql kBlobs{"CREATE TABLE blobs (k INTEGER PRIMARY KEY, v TEXT NOT NULL)"};
    static constexpr GlobalSql kBlob{"INSERT INTO blobs(v) VALUES ($1)"};
    ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.Exec(kBlobs).status(); }));
    // One read, then nobody reads again: its connection waits in the pool with its snapshot.
    EXPECT_EQ(Count(), 0);
    // About 3,000 WAL frames (one 3.5 KB row per page): past the checkpoint threshold.
    const std::string big(3500, 'x');
    for (int w = 0; w < 30; ++w) {
        ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
            for (int i = 0; i < 100; ++i) SP_TRY(tx.Exec(kBlob, big));
            return Status::Ok();
        }));
    }
    // The checkpointer copies everything written; the pooled snapshot (from before all of it)
    // used to stop every checkpoint at its frame until the WAL reached 64 MB.
    WalProgress p;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    do {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        p = ReadWalIndex(dir_ / "satupintu.db-shm");
    } while (p.backfilled < p.frames && std::chrono::steady_clock::now() < deadline);
    EXPECT_GT(p.frames, 2500u);
    EXPECT_EQ(p.backfilled, p.frames);
}

}  // namespace
}  // namespace satupintu::store

namespace satupintu::store {
namespace {

// Regression (issue 13, finding 10): the database was created world-readable (0644).
TEST_F(SqliteStoreTest, TheDataFolderAndItsFilesAreTheOwnersAlone) {
    namespace fs = std::filesystem;
    ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.Exec(kInsert, "mode", 1).status(); }));
    const auto others = fs::perms::group_all | fs::perms::others_all;
    EXPECT_EQ(fs::status(dir_).permissions() & others, fs::perms::none) << "data folder";
    for (const char* name : {"satupintu.db", "satupintu.db-wal", "satupintu.db-shm"}) {
        const auto path = dir_ / name;
        ASSERT_TRUE(fs::exists(path)) << name;
        EXPECT_EQ(fs::status(path).permissions() & others, fs::perms::none) << name;
    }
}

}  // namespace
}  // namespace satupintu::store
