#include "identity/api_keys.hpp"

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "events/event_log.hpp"
#include "identity/users.hpp"

namespace satupintu::identity {

namespace {
constexpr store::TenantSql kInsert{
    "INSERT INTO api_keys(tenant, id, name, role, key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)"};
// Keys are found by the hash of a secret; the row names its tenant.
// A disabled region's keys stop working with it (issue 15).
constexpr store::GlobalSql kFind{
    "SELECT k.tenant, k.id, k.role FROM api_keys k JOIN tenants t ON t.code = k.tenant"
    " WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND t.disabled_at IS NULL"};
constexpr store::GlobalSql kInsertPlatform{
    "INSERT INTO platform_keys(id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)"};
constexpr store::GlobalSql kFindPlatform{"SELECT id FROM platform_keys WHERE key_hash = $1 AND revoked_at IS NULL"};
}  // namespace

Result<NewApiKey> CreateApiKey(store::WriteTx& tx, const store::TenantId& tenant, const std::string& name,
                               const std::string& role, int64_t now_ms, const std::string& actor) {
    if (name.empty() || name.size() > 100) return Err(Errc::kInvalidInput, "name: 1-100 characters", "name");
    if (role != "integration" && !IsStaffRole(role)) return Err(Errc::kInvalidInput, "unknown role", "role");
    NewApiKey k{NewId(), ""};
    k.key = "sp_" + k.id + "_" + crypto::RandomToken(24);
    SP_TRY(tx.Exec(kInsert, tenant, k.id, name, role, crypto::Sha256Hex(k.key), now_ms));
    events::Event e{"api_key.created", actor, "api_key:" + k.id, {}};
    e.payload["name"] = name;
    e.payload["role"] = role;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return k;
}

Result<std::optional<Principal>> FindApiKey(store::ReadTx& tx, const std::string& key) {
    if (key.rfind("sp_", 0) != 0 || key.size() > 100) return std::optional<Principal>{};
    SP_ASSIGN(auto row, tx.QueryOne(kFind, crypto::Sha256Hex(key)));
    if (!row) return std::optional<Principal>{};
    Principal p;
    p.tenant = store::TenantId(row->Text(0));
    p.user_id = row->Text(1);
    p.role = row->Text(2);
    p.via_api_key = true;
    return std::optional<Principal>{std::move(p)};
}

Result<NewApiKey> CreatePlatformKey(store::WriteTx& tx, const std::string& name, int64_t now_ms) {
    if (name.empty() || name.size() > 100) return Err(Errc::kInvalidInput, "name: 1-100 characters", "name");
    NewApiKey k{NewId(), ""};
    k.key = std::string(kPlatformKeyPrefix) + k.id + "_" + crypto::RandomToken(24);
    SP_TRY(tx.Exec(kInsertPlatform, k.id, name, crypto::Sha256Hex(k.key), now_ms));
    return k;
}

Result<std::optional<std::string>> FindPlatformKey(store::ReadTx& tx, const std::string& key) {
    if (key.rfind(kPlatformKeyPrefix, 0) != 0 || key.size() > 100) return std::optional<std::string>{};
    SP_ASSIGN(auto row, tx.QueryOne(kFindPlatform, crypto::Sha256Hex(key)));
    if (!row) return std::optional<std::string>{};
    return std::optional<std::string>{row->Text(0)};
}

}  // namespace satupintu::identity
