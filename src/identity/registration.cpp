#include "identity/registration.hpp"

#include "core/crypto.hpp"
#include "core/links.hpp"
#include "core/problems.hpp"
#include "identity/phone_codes.hpp"
#include "notify/outbox.hpp"
#include "privacy/notices.hpp"

namespace satupintu::identity {

namespace {
using store::TenantSql;

constexpr TenantSql kForgetExpired{"DELETE FROM registrations WHERE tenant = $1 AND expires_at < $2"};
constexpr TenantSql kHold{
    "INSERT INTO registrations(token_hash, tenant, email, phone, name, password_hash, nik_sealed, created_at,"
    " expires_at, notice_version) VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10)"};
constexpr TenantSql kTake{
    "SELECT email, phone, name, password_hash, nik_sealed, expires_at, notice_version, created_at FROM registrations"
    " WHERE tenant = $1 AND token_hash = $2"};
constexpr TenantSql kForget{"DELETE FROM registrations WHERE tenant = $1 AND token_hash = $2"};
constexpr TenantSql kEmailTaken{"SELECT 1 FROM users WHERE tenant = $1 AND email = $2"};
constexpr TenantSql kPhoneTaken{"SELECT 1 FROM users WHERE tenant = $1 AND phone = $2"};

// A registration by phone is found by its phone: one held per phone (a new one replaces it).
std::string PhoneKey(const store::TenantId& tenant, const std::string& phone) {
    return crypto::Sha256Hex("phone\n" + tenant.code() + "\n" + phone);
}

Status Hold(store::WriteTx& tx, const store::TenantId& tenant, const std::string& key, const NewUser& in,
            const std::string& password_hash, const NikVault& vault, int64_t now_ms, int64_t notice_version) {
    const std::optional<std::string> sealed = in.nik ? std::optional(vault.Seal(*in.nik)) : std::nullopt;
    SP_TRY(tx.Exec(kForget, tenant, key).status());
    return tx
        .Exec(kHold, tenant, key, in.email, in.phone, in.name, password_hash, sealed, now_ms,
              now_ms + kRegistrationTtlMs, notice_version)
        .status();
}

// Creates the account held under `key`, once.
Result<User> CreateHeld(store::WriteTx& tx, const store::TenantId& tenant, const std::string& key,
                        const NikVault& vault, int64_t now_ms) {
    SP_ASSIGN(auto row, tx.QueryOne(kTake, tenant, key));
    if (!row || row->Int(5) < now_ms) return Err(Errc::kNotFound, "this link is unknown, used or expired");
    SP_TRY(tx.Exec(kForget, tenant, key).status());
    NewUser in{"citizen", std::nullopt, std::nullopt, std::nullopt, row->Text(2), std::nullopt};
    if (!row->IsNull(0)) in.email = row->Text(0);
    if (!row->IsNull(1)) in.phone = row->Text(1);
    if (!row->IsNull(4)) {
        auto nik = vault.Open(row->Text(4));
        if (!nik) return Err(Errc::kInternal, "a held NIK does not open with this key");
        in.nik = std::move(*nik);
    }
    SP_ASSIGN(auto user, CreateUser(tx, tenant, in, row->Text(3), vault, now_ms, "public"));
    // The notice the person accepted, and when: when they registered, not when they clicked.
    if (!row->IsNull(6)) SP_TRY(privacy::RecordAcceptance(tx, tenant, user.id, row->Int(6), row->Int(7), now_ms));
    return user;
}

}  // namespace

Status StartRegistration(store::WriteTx& tx, const store::TenantId& tenant, const NewUser& in,
                         const std::string& password_hash, const NikVault& vault, int64_t now_ms,
                         const RegistrationMail& mail, int64_t notice_version) {
    SP_TRY(tx.Exec(kForgetExpired, tenant, now_ms).status());
    if (!in.email) {
        // By phone: a code in an SMS or WhatsApp message, or a word that the number has an account.
        if (!in.phone) return Invalid("phone", "input.email_or_phone");
        SP_ASSIGN(auto taken, tx.QueryOne(kPhoneTaken, tenant, *in.phone));
        if (taken) {
            return SendPhoneText(tx, tenant, *in.phone, mail.channel,
                                 std::string(Message("sms.registration_taken", mail.lang)), now_ms);
        }
        SP_TRY(Hold(tx, tenant, PhoneKey(tenant, *in.phone), in, password_hash, vault, now_ms, notice_version));
        return SendPhoneCode(tx, tenant, *in.phone, CodePurpose::kRegister, mail.channel, mail.lang, now_ms);
    }
    SP_ASSIGN(auto taken, tx.QueryOne(kEmailTaken, tenant, *in.email));
    std::string subject, body;
    if (taken) {
        subject = Message("mail.registration_taken.subject", mail.lang);
        body = Format("mail.registration_taken.body", mail.lang,
                      {{"link", links::Absolute(mail.public_url, links::Login(tenant.code()))},
                       {"reset", links::Absolute(mail.public_url, links::ForgotPassword(tenant.code()))}});
    } else {
        const std::string token = crypto::RandomToken(32);
        SP_TRY(Hold(tx, tenant, crypto::Sha256Hex(token), in, password_hash, vault, now_ms, notice_version));
        subject = Message("mail.registration.subject", mail.lang);
        body = Format("mail.registration.body", mail.lang,
                      {{"name", in.name},
                       {"link", links::Absolute(mail.public_url, links::ConfirmRegistration(tenant.code(), token))}});
    }
    return notify::EnqueueEmails(tx, tenant, {*in.email}, subject, body, now_ms);
}

Result<User> ConfirmRegistration(store::WriteTx& tx, const store::TenantId& tenant, const std::string& token,
                                 const NikVault& vault, int64_t now_ms) {
    return CreateHeld(tx, tenant, crypto::Sha256Hex(token), vault, now_ms);
}

Result<std::optional<User>> ConfirmPhoneRegistration(store::WriteTx& tx, const store::TenantId& tenant,
                                                     const std::string& phone, const std::string& code,
                                                     const NikVault& vault, int64_t now_ms) {
    SP_ASSIGN(const bool right, TakePhoneCode(tx, tenant, phone, CodePurpose::kRegister, code, now_ms));
    if (!right) return std::optional<User>();
    SP_ASSIGN(auto user, CreateHeld(tx, tenant, PhoneKey(tenant, phone), vault, now_ms));
    return std::optional<User>(std::move(user));
}

}  // namespace satupintu::identity
