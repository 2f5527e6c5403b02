#include "store/lease.hpp"

namespace satupintu::store {

namespace {
constexpr GlobalSql kTake{
    "INSERT INTO leases(name, holder, until) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE"
    " SET holder = excluded.holder, until = excluded.until WHERE leases.holder = excluded.holder OR leases.until < $4"};
constexpr GlobalSql kHolder{"SELECT holder FROM leases WHERE name = $1"};
constexpr GlobalSql kRelease{"DELETE FROM leases WHERE name = $1 AND holder = $2"};
constexpr GlobalSql kCount{"SELECT count(*) FROM leases WHERE name LIKE $1 AND until >= $2"};
constexpr GlobalSql kForget{"DELETE FROM leases WHERE name LIKE $1 AND until < $2"};
}  // namespace

Result<bool> TakeLease(Store& store, const std::string& name, const std::string& holder, int64_t now_ms,
                       int64_t ttl_ms) {
    bool held = false;
    SP_TRY(store.Write([&](WriteTx& tx) -> Status {
        SP_TRY(tx.Exec(kTake, name, holder, now_ms + ttl_ms, now_ms).status());
        SP_ASSIGN(auto row, tx.QueryOne(kHolder, name));
        held = row && row->Text(0) == holder;
        return Status::Ok();
    }));
    return held;
}

Result<int> CountLeases(Store& store, const std::string& prefix, int64_t now_ms) {
    int n = 0;
    SP_TRY(store.Read([&](ReadTx& tx) -> Status {
        SP_ASSIGN(auto row, tx.QueryOne(kCount, prefix + "%", now_ms));
        n = row ? static_cast<int>(row->Int(0)) : 0;
        return Status::Ok();
    }));
    // Leases of nodes gone for good (a minute past their end) are forgotten.
    SP_TRY(store.Write([&](WriteTx& tx) { return tx.Exec(kForget, prefix + "%", now_ms - 60'000).status(); }));
    return n;
}

Status ReleaseLease(Store& store, const std::string& name, const std::string& holder) {
    return store.Write([&](WriteTx& tx) { return tx.Exec(kRelease, name, holder).status(); });
}

}  // namespace satupintu::store
