// People: citizens who register themselves, and staff whose roles are scoped to a tenant and,
// for department roles, to one OPD.
//
// Passwords arrive here already hashed (identity/password, on a worker thread): nothing in this
// file is slow, so it may run inside the store's writer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/messages.hpp"
#include "core/result.hpp"
#include "identity/nik_vault.hpp"
#include "store/store.hpp"

namespace satupintu::identity {

// Staff roles, and "citizen".
inline constexpr const char* kRoles[] = {"citizen",  "admin",   "opd_head",     "officer",
                                         "verifier", "auditor", "lab_reviewer", "executive"};
bool IsRole(std::string_view role);
bool IsStaffRole(std::string_view role);
// Roles that work inside one OPD and must name it.
bool RoleNeedsOpd(std::string_view role);

struct User {
    std::string id;
    std::string role;
    std::optional<std::string> opd_id;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::string name;
    std::optional<std::string> nik_masked;
    bool nik_verified = false;  // an officer checked the NIK against the KTP; until then it is a claim
};

struct NewUser {
    std::string role;
    std::optional<std::string> opd_id;
    std::optional<std::string> email;  // one of email and phone is required
    std::optional<std::string> phone;
    std::string name;
    std::optional<std::string> nik;  // plain, validated here, sealed before storage
};

// Lower-cases an email and checks its shape; normalizes a phone to +62... form.
Result<std::string> NormalizeEmail(std::string_view email);
Result<std::string> NormalizePhone(std::string_view phone);
// Validates and normalizes `in` in place (pure; `today` is YYYY-MM-DD for the NIK year rule).
Status ValidateNewUser(NewUser& in, std::string_view today);

Result<User> CreateUser(store::WriteTx& tx, const store::TenantId& tenant, const NewUser& in,
                        const std::string& password_hash, const NikVault& vault, int64_t now_ms,
                        const std::string& actor);

struct LoginRecord {
    std::string id;
    std::string role;
    std::string password_hash;
    bool disabled = false;
};
// `login` is an email or a phone number.
Result<std::optional<LoginRecord>> FindLogin(store::ReadTx& tx, const store::TenantId& tenant,
                                             const std::string& login);
Result<std::optional<User>> GetUser(store::ReadTx& tx, const store::TenantId& tenant, const NikVault& vault,
                                    const std::string& id);
// A user's whole NIK, for the person themselves (their data export); nullopt without one.
Result<std::optional<std::string>> OwnNik(store::ReadTx& tx, const store::TenantId& tenant, const NikVault& vault,
                                          const std::string& user_id);
// The whole NIK of a user, for a role that needs it; appends "nik.viewed" naming who looked, in
// the same transaction, so that no full view goes unrecorded. nullopt: no such user, or no NIK.
Result<std::optional<std::string>> ViewFullNik(store::WriteTx& tx, const store::TenantId& tenant, const NikVault& vault,
                                               const std::string& user_id, int64_t now_ms, const std::string& actor);
// Marks a user's claimed NIK as checked against the KTP by `actor` (an event). A NIK is verified
// for one account per region: kConflict when another account already holds it verified;
// kNotFound without a user or a NIK.
Status VerifyNik(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id, int64_t now_ms,
                 const std::string& actor);
// The account whose NIK was verified, if any (claims are not looked up).
Result<std::optional<std::string>> FindUserIdByNik(store::ReadTx& tx, const store::TenantId& tenant,
                                                   const NikVault& vault, const std::string& nik);

// Addresses for notifications: the email of one user, and of the enabled staff holding `role`
// (in `opd_id` when given).
Result<std::optional<std::string>> UserName(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);
Result<std::optional<std::string>> UserEmail(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);

// An address and the language its owner reads (the one they last used the site in).
struct Mailbox {
    std::string email;
    Lang lang = Lang::kId;
};
Lang LangOfCode(std::string_view code);  // "en" -> English; anything else (NULL too) -> Indonesian
Result<std::optional<Mailbox>> UserMailbox(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);
// Remembers the language the person now uses (at sign-up and each login).
Status SetLanguage(store::WriteTx& tx, const store::TenantId& tenant, const std::string& id, Lang lang);
Result<std::vector<std::string>> StaffEmails(store::ReadTx& tx, const store::TenantId& tenant, const std::string& role,
                                             const std::optional<std::string>& opd_id);

struct StaffMember {
    std::string id;
    std::string name;
    std::string role;
};
// The enabled staff of an OPD (for assignment).
Result<std::vector<StaffMember>> ListOpdStaff(store::ReadTx& tx, const store::TenantId& tenant,
                                              const std::string& opd_id);

}  // namespace satupintu::identity
