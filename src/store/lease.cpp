#include "store/lease.hpp"

namespace satupintu::store {

namespace {
constexpr GlobalSql kTake{
    "INSERT INTO leases(name, holder, until) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE"
    " SET holder = excluded.holder, until = excluded.until WHERE leases.holder = excluded.holder OR leases.until < $4"};
constexpr GlobalSql kHolder{"SELECT holder FROM leases WHERE name = $1"};
constexpr GlobalSql kRelease{"DELETE FROM leases WHERE name = $1 AND holder = $2"};
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

Status ReleaseLease(Store& store, const std::string& name, const std::string& holder) {
    return store.Write([&](WriteTx& tx) { return tx.Exec(kRelease, name, holder).status(); });
}

}  // namespace satupintu::store
