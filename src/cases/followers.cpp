#include "cases/followers.hpp"

namespace satupintu::cases {

namespace {

constexpr store::TenantSql kFollow{
    "INSERT INTO case_followers (tenant, case_id, user_id, affected, created_at) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (tenant, case_id, user_id) DO UPDATE SET affected = "
    "CASE WHEN excluded.affected = 1 THEN 1 ELSE case_followers.affected END"};
constexpr store::TenantSql kUnfollow{"DELETE FROM case_followers WHERE tenant = $1 AND case_id = $2 AND user_id = $3"};
constexpr store::TenantSql kCount{
    "SELECT count(*) FROM case_followers WHERE tenant = $1 AND case_id = $2 AND affected = 1"};
constexpr store::TenantSql kMine{
    "SELECT affected FROM case_followers WHERE tenant = $1 AND case_id = $2 AND user_id = $3"};
constexpr store::TenantSql kEmails{
    "SELECT u.email, u.lang FROM case_followers f JOIN users u ON u.tenant = f.tenant AND u.id = f.user_id "
    "WHERE f.tenant = $1 AND f.case_id = $2 AND u.disabled = 0 AND u.email IS NOT NULL ORDER BY u.email LIMIT 1000"};

}  // namespace

Status Follow(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c, const Actor& citizen,
              bool affected) {
    SP_TRY(tx.Exec(kFollow, tenant, c.id, citizen.user_id, int64_t{affected ? 1 : 0}, at.now_ms));
    return AppendCaseEvent(tx, tenant, at, c, "case.followed", citizen.id, {{"affected", affected}});
}

Status Unfollow(store::WriteTx& tx, const store::TenantId& tenant, const Moment& at, const Case& c,
                const Actor& citizen) {
    SP_ASSIGN(const int64_t gone, tx.Exec(kUnfollow, tenant, c.id, citizen.user_id));
    if (gone == 0) return Status::Ok();
    return AppendCaseEvent(tx, tenant, at, c, "case.unfollowed", citizen.id, {});
}

Result<Following> FollowingOf(store::ReadTx& tx, const store::TenantId& tenant, const std::string& case_id,
                              const std::string& user_id) {
    Following f;
    SP_ASSIGN(auto count, tx.QueryOne(kCount, tenant, case_id));
    f.affected_count = count ? count->Int(0) : 0;
    if (!user_id.empty()) {
        SP_ASSIGN(auto mine, tx.QueryOne(kMine, tenant, case_id, user_id));
        f.following = mine.has_value();
        f.affected = mine && mine->Int(0) == 1;
    }
    return f;
}

Result<std::vector<identity::Mailbox>> FollowerMailboxes(store::ReadTx& tx, const store::TenantId& tenant,
                                                         const std::string& case_id) {
    SP_ASSIGN(auto rows, tx.Query(kEmails, tenant, case_id));
    std::vector<identity::Mailbox> out;
    for (const auto& r : rows) out.push_back({r.Text(0), identity::LangOfCode(r.IsNull(1) ? "" : r.Text(1))});
    return out;
}

}  // namespace satupintu::cases
