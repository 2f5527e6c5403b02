#include "store/lease.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace satupintu::store {
namespace {

TEST(Lease, OneHolderAtATimeUntilItStopsRenewing) {
    crypto::InitCrypto();
    const auto dir = std::filesystem::temp_directory_path() / ("sp-lease-" + crypto::RandomToken(6));
    {
        auto store = OpenSqliteStore({.data_dir = dir.string()}).value();
        ASSERT_TRUE(store->Migrate());
        constexpr int64_t kTtl = 30'000;
        EXPECT_TRUE(TakeLease(*store, "sweep", "node-a", 1'000, kTtl).value());
        EXPECT_FALSE(TakeLease(*store, "sweep", "node-b", 2'000, kTtl).value()) << "held by a";
        EXPECT_TRUE(TakeLease(*store, "sweep", "node-a", 20'000, kTtl).value()) << "a renews";
        EXPECT_FALSE(TakeLease(*store, "sweep", "node-b", 45'000, kTtl).value()) << "renewed until 50 s";
        EXPECT_TRUE(TakeLease(*store, "other-job", "node-b", 45'000, kTtl).value()) << "leases are per job";
        EXPECT_TRUE(TakeLease(*store, "sweep", "node-b", 50'001, kTtl).value()) << "a stopped renewing";
        EXPECT_FALSE(TakeLease(*store, "sweep", "node-a", 50'002, kTtl).value());
        ASSERT_TRUE(ReleaseLease(*store, "sweep", "node-a")) << "not a's to give";
        EXPECT_FALSE(TakeLease(*store, "sweep", "node-a", 50'003, kTtl).value());
        ASSERT_TRUE(ReleaseLease(*store, "sweep", "node-b"));
        EXPECT_TRUE(TakeLease(*store, "sweep", "node-a", 50'004, kTtl).value()) << "given up at once";

        // Live nodes: those whose heartbeat lease has not run out.
        EXPECT_TRUE(TakeLease(*store, "node:a", "a", 100'000, 6'000).value());
        EXPECT_TRUE(TakeLease(*store, "node:b", "b", 101'000, 6'000).value());
        EXPECT_EQ(CountLeases(*store, "node:", 102'000).value(), 2);
        EXPECT_EQ(CountLeases(*store, "node:", 106'500).value(), 1) << "a stopped renewing";
        EXPECT_EQ(CountLeases(*store, "node:", 200'000).value(), 0);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace satupintu::store
