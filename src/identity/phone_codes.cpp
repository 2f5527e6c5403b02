#include "identity/phone_codes.hpp"

#include "core/crypto.hpp"
#include "core/problems.hpp"
#include "notify/outbox.hpp"

namespace satupintu::identity {

namespace {
using store::TenantSql;

constexpr TenantSql kForgetExpired{"DELETE FROM phone_codes WHERE tenant = $1 AND expires_at < $2"};
constexpr TenantSql kLive{
    "SELECT code_hash, attempts, created_at, expires_at FROM phone_codes WHERE tenant = $1 AND phone = $2"
    " AND purpose = $3"};
constexpr TenantSql kForget{"DELETE FROM phone_codes WHERE tenant = $1 AND phone = $2 AND purpose = $3"};
constexpr TenantSql kHold{
    "INSERT INTO phone_codes(tenant, phone, purpose, code_hash, attempts, created_at, expires_at)"
    " VALUES ($1, $2, $3, $4, 0, $5, $6)"};
constexpr TenantSql kTry{
    "UPDATE phone_codes SET attempts = attempts + 1 WHERE tenant = $1 AND phone = $2 AND purpose = $3"};

const char* Name(CodePurpose p) {
    switch (p) {
        case CodePurpose::kRegister:
            return "register";
        case CodePurpose::kReset:
            return "reset";
        case CodePurpose::kFile:
            return "file";
    }
    return "";
}

const char* MessageKey(CodePurpose p) {
    switch (p) {
        case CodePurpose::kRegister:
            return "sms.code.register";
        case CodePurpose::kReset:
            return "sms.code.reset";
        case CodePurpose::kFile:
            return "sms.code.file";
    }
    return "";
}

// Bound to the region, phone and purpose, so that a hash says nothing reused elsewhere.
std::string CodeHash(const store::TenantId& tenant, const std::string& phone, CodePurpose purpose,
                     const std::string& code) {
    return crypto::Sha256Hex(tenant.code() + "\n" + phone + "\n" + Name(purpose) + "\n" + code);
}

// Six random digits (a uniform draw: bytes above the largest multiple of 10^6 are redrawn).
std::string NewCode() {
    for (;;) {
        const std::string raw = crypto::RandomBytes(4);
        const uint32_t v = (uint32_t(uint8_t(raw[0])) << 24) | (uint32_t(uint8_t(raw[1])) << 16) |
                           (uint32_t(uint8_t(raw[2])) << 8) | uint32_t(uint8_t(raw[3]));
        if (v >= 4294000000u) continue;
        std::string code = std::to_string(v % 1000000);
        return std::string(6 - code.size(), '0') + code;
    }
}

}  // namespace

bool IsCodeShape(std::string_view code) {
    return code.size() == 6 && code.find_first_not_of("0123456789") == std::string_view::npos;
}

Status CheckCodeChannel(const std::string& channel) {
    if (channel == "sms" || channel == "whatsapp") return Status::Ok();
    return Invalid("channel", "input.code_channel");
}

Status SendPhoneCode(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone, CodePurpose purpose,
                     const std::string& channel, Lang lang, int64_t now_ms) {
    SP_TRY(CheckCodeChannel(channel));
    SP_TRY(tx.Exec(kForgetExpired, tenant, now_ms).status());
    SP_ASSIGN(auto live, tx.QueryOne(kLive, tenant, phone, Name(purpose)));
    if (live && now_ms - live->Int(2) < kPhoneCodeSpacingMs) return Status::Ok();
    const std::string code = NewCode();
    SP_TRY(tx.Exec(kForget, tenant, phone, Name(purpose)).status());
    SP_TRY(tx.Exec(kHold, tenant, phone, Name(purpose), CodeHash(tenant, phone, purpose, code), now_ms,
                   now_ms + kPhoneCodeTtlMs)
               .status());
    return SendPhoneText(tx, tenant, phone, channel, Format(MessageKey(purpose), lang, {{"code", code}}), now_ms);
}

Status SendPhoneText(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone,
                     const std::string& channel, const std::string& text, int64_t now_ms) {
    SP_TRY(CheckCodeChannel(channel));
    return notify::Enqueue(tx, tenant, {channel, phone, "", text}, now_ms);
}

Result<bool> TakePhoneCode(store::WriteTx& tx, const store::TenantId& tenant, const std::string& phone,
                           CodePurpose purpose, const std::string& code, int64_t now_ms) {
    SP_ASSIGN(auto live, tx.QueryOne(kLive, tenant, phone, Name(purpose)));
    if (!live || live->Int(3) < now_ms) return false;
    if (crypto::ConstantTimeEqual(live->Text(0), CodeHash(tenant, phone, purpose, code))) {
        SP_TRY(tx.Exec(kForget, tenant, phone, Name(purpose)).status());
        return true;
    }
    if (live->Int(1) + 1 >= kPhoneCodeTries) {
        SP_TRY(tx.Exec(kForget, tenant, phone, Name(purpose)).status());
    } else {
        SP_TRY(tx.Exec(kTry, tenant, phone, Name(purpose)).status());
    }
    return false;
}

}  // namespace satupintu::identity
