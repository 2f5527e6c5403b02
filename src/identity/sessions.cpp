#include "identity/sessions.hpp"

#include "core/crypto.hpp"
#include "events/event_log.hpp"

namespace satupintu::identity {

namespace {
using store::GlobalSql;
using store::TenantSql;

constexpr TenantSql kInsert{
    "INSERT INTO sessions(tenant, token_hash, user_id, csrf_token, created_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4, $5, $5)"};
// Sessions are found by the hash of a secret token; the row names its tenant.
constexpr GlobalSql kFind{
    "SELECT s.tenant, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.role, u.opd_id FROM sessions s"
    " JOIN users u ON u.tenant = s.tenant AND u.id = s.user_id JOIN tenants t ON t.code = s.tenant"
    " WHERE s.token_hash = $1 AND u.disabled = 0 AND t.disabled_at IS NULL"};
constexpr GlobalSql kDelete{"DELETE FROM sessions WHERE token_hash = $1 RETURNING tenant, user_id"};
constexpr GlobalSql kTouch{"UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1"};
}  // namespace

Result<NewSession> StartSession(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                                int64_t now_ms) {
    NewSession s{crypto::RandomToken(32), crypto::RandomToken(24)};
    SP_TRY(tx.Exec(kInsert, tenant, crypto::Sha256Hex(s.token), user_id, s.csrf_token, now_ms));
    SP_TRY(
        events::Append(tx, tenant, now_ms, events::Event{"session.started", "user:" + user_id, "user:" + user_id, {}}));
    return s;
}

Status EndSession(store::WriteTx& tx, const std::string& token, int64_t now_ms) {
    SP_ASSIGN(auto row, tx.QueryOne(kDelete, crypto::Sha256Hex(token)));
    if (!row) return Status::Ok();
    const std::string actor = "user:" + row->Text(1);
    SP_TRY(events::Append(tx, store::TenantId(row->Text(0)), now_ms, events::Event{"session.ended", actor, actor, {}}));
    return Status::Ok();
}

Result<std::optional<SessionLookup>> FindSession(store::ReadTx& tx, const std::string& token, int64_t now_ms,
                                                 const SessionPolicy& policy) {
    if (token.empty() || token.size() > 100) return std::optional<SessionLookup>{};
    SP_ASSIGN(auto row, tx.QueryOne(kFind, crypto::Sha256Hex(token)));
    if (!row) return std::optional<SessionLookup>{};
    const int64_t created = row->Int(3), last_seen = row->Int(4);
    if (now_ms - created > policy.absolute_ms || now_ms - last_seen > policy.idle_ms) {
        return std::optional<SessionLookup>{};
    }
    SessionLookup out;
    out.principal.tenant = store::TenantId(row->Text(0));
    out.principal.user_id = row->Text(1);
    out.principal.csrf_token = row->Text(2);
    out.principal.role = row->Text(5);
    if (!row->IsNull(6)) out.principal.opd_id = row->Text(6);
    out.needs_touch = now_ms - last_seen > policy.touch_every_ms;
    return std::optional<SessionLookup>{std::move(out)};
}

Status TouchSession(store::WriteTx& tx, const std::string& token, int64_t now_ms) {
    SP_TRY(tx.Exec(kTouch, crypto::Sha256Hex(token), now_ms));
    return Status::Ok();
}

}  // namespace satupintu::identity
