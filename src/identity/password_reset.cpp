#include "identity/password_reset.hpp"

#include "core/crypto.hpp"
#include "core/links.hpp"
#include "events/event_log.hpp"
#include "identity/phone_codes.hpp"
#include "notify/outbox.hpp"

namespace satupintu::identity {

namespace {
using store::TenantSql;

constexpr TenantSql kAccount{"SELECT id FROM users WHERE tenant = $1 AND email = $2 AND disabled = 0"};
constexpr TenantSql kAccountByPhone{"SELECT id FROM users WHERE tenant = $1 AND phone = $2 AND disabled = 0"};
constexpr TenantSql kLatest{"SELECT MAX(created_at) FROM password_resets WHERE tenant = $1 AND user_id = $2"};
constexpr TenantSql kForgetUser{"DELETE FROM password_resets WHERE tenant = $1 AND user_id = $2"};
constexpr TenantSql kHold{
    "INSERT INTO password_resets(token_hash, tenant, user_id, created_at, expires_at) VALUES ($2, $1, $3, $4, $5)"};
constexpr TenantSql kTake{"SELECT user_id, expires_at FROM password_resets WHERE tenant = $1 AND token_hash = $2"};
constexpr TenantSql kSetPassword{"UPDATE users SET password_hash = $3 WHERE tenant = $1 AND id = $2 AND disabled = 0"};
constexpr TenantSql kEndSessions{"DELETE FROM sessions WHERE tenant = $1 AND user_id = $2"};

// Sets the account's password, ends its sessions and records the change.
Result<std::string> SetPassword(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                                const std::string& password_hash, int64_t now_ms) {
    SP_TRY(tx.Exec(kForgetUser, tenant, user_id).status());
    SP_ASSIGN(const int64_t changed, tx.Exec(kSetPassword, tenant, user_id, password_hash));
    if (changed == 0) return Err(Errc::kNotFound, "this link is unknown, used or expired");
    SP_ASSIGN(const int64_t ended, tx.Exec(kEndSessions, tenant, user_id));
    const std::string actor = "user:" + user_id;
    events::Event e{"password.reset", actor, actor, {}};
    e.payload["sessions_ended"] = ended;
    SP_TRY(events::Append(tx, tenant, now_ms, e).status());
    return user_id;
}

}  // namespace

Status StartPasswordReset(store::WriteTx& tx, const store::TenantId& tenant, const std::string& email, int64_t now_ms,
                          const ResetMail& mail) {
    SP_ASSIGN(auto account, tx.QueryOne(kAccount, tenant, email));
    if (!account) return Status::Ok();
    const std::string user_id = account->Text(0);
    // One email a minute at most: asking again and again fills nobody's inbox.
    SP_ASSIGN(auto latest, tx.QueryOne(kLatest, tenant, user_id));
    if (latest && !latest->IsNull(0) && now_ms - latest->Int(0) < kPasswordResetSpacingMs) return Status::Ok();
    const std::string token = crypto::RandomToken(32);
    SP_TRY(tx.Exec(kForgetUser, tenant, user_id).status());
    SP_TRY(tx.Exec(kHold, tenant, crypto::Sha256Hex(token), user_id, now_ms, now_ms + kPasswordResetTtlMs).status());
    const std::string body =
        Format("mail.password_reset.body", mail.lang,
               {{"link", links::Absolute(mail.public_url, links::PasswordReset(tenant.code(), token))}});
    const std::string subject(Message("mail.password_reset.subject", mail.lang));
    return notify::EnqueueEmails(tx, tenant, {email}, subject, body, now_ms);
}

Result<std::string> IssueFirstLoginToken(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                                         int64_t now_ms, int64_t ttl_ms) {
    const std::string token = crypto::RandomToken(32);
    SP_TRY(tx.Exec(kForgetUser, tenant, user_id).status());
    SP_TRY(tx.Exec(kHold, tenant, crypto::Sha256Hex(token), user_id, now_ms, now_ms + ttl_ms).status());
    return token;
}

Result<std::string> FinishPasswordReset(store::WriteTx& tx, const store::TenantId& tenant, const std::string& token,
                                        const std::string& password_hash, int64_t now_ms) {
    SP_ASSIGN(auto row, tx.QueryOne(kTake, tenant, crypto::Sha256Hex(token)));
    if (!row || row->Int(1) < now_ms) return Err(Errc::kNotFound, "this link is unknown, used or expired");
    return SetPassword(tx, tenant, row->Text(0), password_hash, now_ms);
}

Status StartPhonePasswordReset(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone,
                               const std::string& channel, Lang lang, int64_t now_ms) {
    SP_TRY(CheckCodeChannel(channel));
    SP_ASSIGN(auto account, tx.QueryOne(kAccountByPhone, tenant, phone));
    if (!account) return Status::Ok();
    return SendPhoneCode(tx, tenant, phone, CodePurpose::kReset, channel, lang, now_ms);
}

Result<std::optional<std::string>> FinishPhonePasswordReset(store::WriteTx& tx, const store::TenantId& tenant,
                                                            const std::string& phone, const std::string& code,
                                                            const std::string& password_hash, int64_t now_ms) {
    SP_ASSIGN(const bool right, TakePhoneCode(tx, tenant, phone, CodePurpose::kReset, code, now_ms));
    if (!right) return std::optional<std::string>();
    SP_ASSIGN(auto account, tx.QueryOne(kAccountByPhone, tenant, phone));
    if (!account) return std::optional<std::string>();
    SP_ASSIGN(auto id, SetPassword(tx, tenant, account->Text(0), password_hash, now_ms));
    return std::optional<std::string>(std::move(id));
}

}  // namespace satupintu::identity
