// One-time codes sent to a phone by SMS or WhatsApp (issue 14): they prove that a person holds
// the phone, to confirm a registration by phone, to set a forgotten password, or to file a report
// without an account.
//
// Six digits, valid ten minutes, dead after five wrong tries; one live code per phone and purpose
// (a new one replaces it, at most one a minute, so asking again and again sends nobody a stream of
// messages). Only the code's hash is stored; the message goes through the outbox.
#pragma once

#include <string>

#include "core/messages.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

inline constexpr int64_t kPhoneCodeTtlMs = 10 * 60 * 1000;
inline constexpr int64_t kPhoneCodeSpacingMs = 60 * 1000;
inline constexpr int kPhoneCodeTries = 5;

enum class CodePurpose { kRegister, kReset, kFile };

// "sms" or "whatsapp": how the person asked to receive it (anything else: kInvalidInput).
Status CheckCodeChannel(const std::string& channel);

// Whether `code` looks like a code: six digits (checked before any store is asked).
bool IsCodeShape(std::string_view code);

// Sends a new code to `phone` (normalised) unless one was sent less than a minute ago.
// `message_key` names the catalog text, which has a {code} placeholder.
Status SendPhoneCode(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone, CodePurpose purpose,
                     const std::string& channel, Lang lang, int64_t now_ms);

// Sends a message without a code (for example "this number already has an account").
Status SendPhoneText(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone,
                     const std::string& channel, const std::string& text, int64_t now_ms);

// Checks `code` against the live code of the phone and purpose. A right code is used up (true);
// a wrong one counts a try (false), and the fifth wrong try ends the code. Returns false, too,
// when there is no live code. The caller commits either way, so that a wrong try is counted.
Result<bool> TakePhoneCode(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone,
                           CodePurpose purpose, const std::string& code, int64_t now_ms);

}  // namespace satupintu::identity
