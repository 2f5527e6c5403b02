// Citizens' self-registration, confirmed through the email address (issue 13, finding 6).
//
// Registering must not tell anyone whether an address is already taken, and typing someone's NIK
// must not lock its owner out. So a registration is held until its address is confirmed: the
// link in the email creates the account. When the address already has an account, its owner is
// told by email instead, and the caller gets the same answer as any other. A NIK is a claim (see
// users.hpp) until an officer checks it.
#pragma once

#include <string>

#include "core/messages.hpp"
#include "identity/nik_vault.hpp"
#include "identity/users.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

inline constexpr int64_t kRegistrationTtlMs = 24 * 60 * 60 * 1000;

struct RegistrationMail {
    std::string public_url;  // for the link
    Lang lang = Lang::kId;
    std::string channel = "sms";  // a registration by phone: "sms" or "whatsapp"
};

// Holds a validated citizen registration with its password hash and queues the message: with an
// email address, an email with the confirmation link; with only a phone number, a one-time code
// by SMS or WhatsApp (see phone_codes.hpp). To an address or number that already has an account
// goes a notice instead. Expired registrations are forgotten here too.
Status StartRegistration(store::WriteTx& tx, const store::TenantId& tenant, const NewUser& in,
                         const std::string& password_hash, const NikVault& vault, int64_t now_ms,
                         const RegistrationMail& mail, int64_t notice_version);

// Creates the account that a registration link's `token` confirms (once; kNotFound for an
// unknown, used or expired token; kConflict if the address was taken meanwhile).
Result<User> ConfirmRegistration(store::WriteTx& tx, const store::TenantId& tenant, const std::string& token,
                                 const NikVault& vault, int64_t now_ms);

// Creates the account a registration by phone holds, when `code` is the code sent to it. A wrong
// code answers nullopt with the try counted (the caller commits); kNotFound when nothing is held.
Result<std::optional<User>> ConfirmPhoneRegistration(store::WriteTx& tx, const store::TenantId& tenant,
                                                     const std::string& phone, const std::string& code,
                                                     const NikVault& vault, int64_t now_ms);

}  // namespace satupintu::identity
