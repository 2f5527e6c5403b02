// Password reset by a link emailed to the account's address, or by a one-time code sent to its
// phone by SMS or WhatsApp (issue 14). The answer to the
// request is the same whether or not the address has an account; the link is valid one hour and
// works once; setting the new password ends every session of the account.
#pragma once

#include <string>

#include "core/messages.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

inline constexpr int64_t kPasswordResetTtlMs = 60 * 60 * 1000;
inline constexpr int64_t kPasswordResetSpacingMs = 60 * 1000;

struct ResetMail {
    std::string public_url;  // for the link
    Lang lang = Lang::kId;
};

// Emails a reset link to the enabled account with this email address, if there is one (a newer
// link replaces an older one; at most one a minute). Nothing happens for an unknown address, and
// the caller answers the same either way.
Status StartPasswordReset(store::WriteTx& tx, const store::TenantId& tenant, const std::string& email, int64_t now_ms,
                          const ResetMail& mail);

// Sets the password the link's `token` allows (once; kNotFound for an unknown, used or expired
// token), ends the account's sessions and records the change. Returns the account's id.
Result<std::string> FinishPasswordReset(store::WriteTx& tx, const store::TenantId& tenant, const std::string& token,
                                        const std::string& password_hash, int64_t now_ms);

// A link that sets the password of a new account that has none yet (a region's first admin),
// valid `ttl_ms`; the token to put in links::PasswordReset. Replaces an earlier one.
Result<std::string> IssueFirstLoginToken(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id,
                                         int64_t now_ms, int64_t ttl_ms);

// The same by phone: a code to the enabled account with this (normalised) phone number, if there
// is one; nothing otherwise, and the caller answers the same.
Status StartPhonePasswordReset(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone,
                               const std::string& channel, Lang lang, int64_t now_ms);

// Sets the password when `code` is the code sent to the phone: the account's id, or nullopt for
// a wrong code (the try counted: the caller commits).
Result<std::optional<std::string>> FinishPhonePasswordReset(store::WriteTx& tx, const store::TenantId& tenant,
                                                            const std::string& phone, const std::string& code,
                                                            const std::string& password_hash, int64_t now_ms);

}  // namespace satupintu::identity
