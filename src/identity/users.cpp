#include "identity/users.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/nik.hpp"
#include "core/problems.hpp"
#include "events/event_log.hpp"

namespace satupintu::identity {

namespace {
using store::TenantSql;

constexpr TenantSql kInsert{
    "INSERT INTO users(tenant, id, role, opd_id, email, phone, name, password_hash, nik_sealed, nik_claim_index,"
    " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"};
constexpr TenantSql kFindByEmail{
    "SELECT id, role, password_hash, disabled FROM users WHERE tenant = $1 AND email = $2"};
constexpr TenantSql kFindByPhone{
    "SELECT id, role, password_hash, disabled FROM users WHERE tenant = $1 AND phone = $2"};
constexpr TenantSql kGet{
    "SELECT id, role, opd_id, email, phone, name, nik_sealed, nik_verified_at FROM users WHERE tenant = $1 AND id = "
    "$2"};
constexpr TenantSql kSealedNik{"SELECT nik_sealed FROM users WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kFindByNik{"SELECT id FROM users WHERE tenant = $1 AND nik_index = $2"};
constexpr TenantSql kOpdExists{"SELECT 1 FROM opds WHERE tenant = $1 AND id = $2"};

std::optional<std::string> OptText(const store::Row& r, size_t i) {
    return r.IsNull(i) ? std::nullopt : std::optional<std::string>(r.Text(i));
}
}  // namespace

bool IsRole(std::string_view role) {
    return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}
bool IsStaffRole(std::string_view role) {
    return IsRole(role) && role != "citizen";
}
bool RoleNeedsOpd(std::string_view role) {
    return role == "opd_head" || role == "officer" || role == "verifier";
}

Result<std::string> NormalizeEmail(std::string_view email) {
    std::string e(email);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto at = e.find('@');
    if (e.size() > 254 || at == std::string::npos || at == 0 || e.find('.', at) == std::string::npos ||
        e.back() == '.' || e.find_first_of(" \t\r\n<>\"'") != std::string::npos || !IsValidUtf8(e)) {
        return Invalid("email", "input.email");
    }
    return e;
}

Result<std::string> NormalizePhone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
            return Invalid("phone", "input.phone_digits");
        }
    }
    if (digits.rfind("0", 0) == 0) digits = "62" + digits.substr(1);
    if (digits.rfind("62", 0) != 0 || digits.size() < 10 || digits.size() > 15) {
        return Invalid("phone", "input.phone_id");
    }
    return "+" + digits;
}

Status ValidateNewUser(NewUser& in, std::string_view today) {
    Problems problems;
    if (!IsRole(in.role)) problems.Add("role", "input.role");
    if (RoleNeedsOpd(in.role) && !in.opd_id) problems.Add("opd_id", "input.opd_required");
    if (in.name.empty() || in.name.size() > 200 || !IsValidUtf8(in.name)) problems.Add("name", "input.name");
    if (!in.email && !in.phone) problems.Add("email", "input.contact_required");
    if (in.email) {
        auto email = NormalizeEmail(*in.email);
        if (problems.Check(email.status())) in.email = *email;
    }
    if (in.phone) {
        auto phone = NormalizePhone(*in.phone);
        if (problems.Check(phone.status())) in.phone = *phone;
    }
    if (in.nik) problems.Check(ParseNik(*in.nik, today).status());
    return problems.status();
}

Result<User> CreateUser(store::WriteTx& tx, const store::TenantId& tenant, const NewUser& in,
                        const std::string& password_hash, const NikVault& vault, int64_t now_ms,
                        const std::string& actor) {
    if (in.opd_id) {
        SP_ASSIGN(auto exists, tx.QueryOne(kOpdExists, tenant, *in.opd_id));
        if (!exists) return Invalid("opd_id", "input.opd_unknown");
    }
    User u{NewId(), in.role, in.opd_id, in.email, in.phone, in.name, std::nullopt};
    std::optional<std::string> sealed, index;
    if (in.nik) {
        sealed = vault.Seal(*in.nik);
        index = vault.BlindIndex(*in.nik);
        u.nik_masked = MaskNik(*in.nik);
    }
    auto inserted = tx.Exec(kInsert, tenant, u.id, u.role, u.opd_id, u.email, u.phone, u.name, password_hash, sealed,
                            index, now_ms);
    if (!inserted) {
        if (inserted.error().code == Errc::kConflict) {
            return Err(Errc::kConflict, "an account with this email or phone exists");
        }
        return inserted.error();
    }
    // The log names the account and its role, never its email, phone, name or NIK.
    events::Event e{"user.created", actor, "user:" + u.id, {}};
    e.payload["role"] = u.role;
    if (u.opd_id) e.payload["opd_id"] = *u.opd_id;
    e.payload["has_nik"] = in.nik.has_value();
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return u;
}

Result<std::optional<LoginRecord>> FindLogin(store::ReadTx& tx, const store::TenantId& tenant,
                                             const std::string& login) {
    std::optional<store::Row> row;
    if (login.find('@') != std::string::npos) {
        auto email = NormalizeEmail(login);
        if (!email) return std::optional<LoginRecord>{};
        SP_ASSIGN(row, tx.QueryOne(kFindByEmail, tenant, *email));
    } else {
        auto phone = NormalizePhone(login);
        if (!phone) return std::optional<LoginRecord>{};
        SP_ASSIGN(row, tx.QueryOne(kFindByPhone, tenant, *phone));
    }
    if (!row) return std::optional<LoginRecord>{};
    return std::optional<LoginRecord>{LoginRecord{row->Text(0), row->Text(1), row->Text(2), row->Int(3) != 0}};
}

Result<std::optional<User>> GetUser(store::ReadTx& tx, const store::TenantId& tenant, const NikVault& vault,
                                    const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kGet, tenant, id));
    if (!row) return std::optional<User>{};
    User u{row->Text(0),     row->Text(1), OptText(*row, 2), OptText(*row, 3),
           OptText(*row, 4), row->Text(5), std::nullopt};
    if (!row->IsNull(6)) {
        const auto nik = vault.Open(row->Text(6));
        u.nik_masked = nik ? MaskNik(*nik) : "****************";
    }
    u.nik_verified = !row->IsNull(7);
    return std::optional<User>{std::move(u)};
}

Result<std::optional<std::string>> OwnNik(store::ReadTx& tx, const store::TenantId& tenant, const NikVault& vault,
                                          const std::string& user_id) {
    SP_ASSIGN(auto row, tx.QueryOne(kSealedNik, tenant, user_id));
    if (!row || row->IsNull(0)) return std::optional<std::string>{};
    auto nik = vault.Open(row->Text(0));
    if (!nik) return Err(Errc::kInternal, "sealed NIK does not open with this key");
    return std::optional<std::string>{std::move(*nik)};
}

Result<std::optional<std::string>> ViewFullNik(store::WriteTx& tx, const store::TenantId& tenant, const NikVault& vault,
                                               const std::string& user_id, int64_t now_ms, const std::string& actor) {
    SP_ASSIGN(auto nik, OwnNik(tx, tenant, vault, user_id));
    if (!nik) return std::optional<std::string>{};
    events::Event e{"nik.viewed", actor, "user:" + user_id, {}};
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return std::optional<std::string>{std::move(*nik)};
}

Status VerifyNik(store::WriteTx& tx, const store::TenantId& tenant, const std::string& user_id, int64_t now_ms,
                 const std::string& actor) {
    static constexpr TenantSql kVerify{
        "UPDATE users SET nik_index = nik_claim_index, nik_verified_at = $3"
        " WHERE tenant = $1 AND id = $2 AND nik_claim_index IS NOT NULL"};
    auto changed = tx.Exec(kVerify, tenant, user_id, now_ms);
    if (!changed && changed.error().code == Errc::kConflict)
        return Err(Errc::kConflict, "this NIK is already verified for another account", "nik");
    if (!changed) return changed.error();
    if (*changed == 0) return Err(Errc::kNotFound, "no such user with a NIK");
    SP_TRY(events::Append(tx, tenant, now_ms, events::Event{"nik.verified", actor, "user:" + user_id, {}}));
    return Status::Ok();
}

Result<std::optional<std::string>> FindUserIdByNik(store::ReadTx& tx, const store::TenantId& tenant,
                                                   const NikVault& vault, const std::string& nik) {
    SP_ASSIGN(auto row, tx.QueryOne(kFindByNik, tenant, vault.BlindIndex(nik)));
    if (!row) return std::optional<std::string>{};
    return std::optional<std::string>{row->Text(0)};
}

Result<std::optional<std::string>> UserName(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    static constexpr store::TenantSql kName{"SELECT name FROM users WHERE tenant = $1 AND id = $2"};
    SP_ASSIGN(auto row, tx.QueryOne(kName, tenant, id));
    if (!row || row->IsNull(0)) return std::optional<std::string>{};
    return std::optional<std::string>{row->Text(0)};
}

Result<std::optional<std::string>> UserEmail(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    static constexpr store::TenantSql kEmail{"SELECT email FROM users WHERE tenant = $1 AND id = $2 AND disabled = 0"};
    SP_ASSIGN(auto row, tx.QueryOne(kEmail, tenant, id));
    if (!row || row->IsNull(0)) return std::optional<std::string>{};
    return std::optional<std::string>{row->Text(0)};
}

Lang LangOfCode(std::string_view code) {
    return code == "en" ? Lang::kEn : Lang::kId;
}

Result<std::optional<Mailbox>> UserMailbox(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    static constexpr store::TenantSql kMailbox{
        "SELECT email, lang FROM users WHERE tenant = $1 AND id = $2 AND disabled = 0"};
    SP_ASSIGN(auto row, tx.QueryOne(kMailbox, tenant, id));
    if (!row || row->IsNull(0)) return std::optional<Mailbox>{};
    return std::optional<Mailbox>{Mailbox{row->Text(0), LangOfCode(row->IsNull(1) ? "" : row->Text(1))}};
}

Status SetLanguage(store::WriteTx& tx, const store::TenantId& tenant, const std::string& id, Lang lang) {
    static constexpr store::TenantSql kSet{
        "UPDATE users SET lang = $3 WHERE tenant = $1 AND id = $2 AND (lang IS NULL OR lang <> $3)"};
    return tx.Exec(kSet, tenant, id, std::string(lang == Lang::kEn ? "en" : "id")).status();
}

Result<std::vector<std::string>> StaffEmails(store::ReadTx& tx, const store::TenantId& tenant, const std::string& role,
                                             const std::optional<std::string>& opd_id) {
    static constexpr store::TenantSql kEmails{
        "SELECT email FROM users WHERE tenant = $1 AND role = $2 AND disabled = 0 AND email IS NOT NULL "
        "AND ($3 = '' OR opd_id = $3) ORDER BY email LIMIT 50"};
    SP_ASSIGN(auto rows, tx.Query(kEmails, tenant, role, opd_id.value_or("")));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0));
    return out;
}

Result<std::vector<StaffMember>> ListOpdStaff(store::ReadTx& tx, const store::TenantId& tenant,
                                              const std::string& opd_id) {
    static constexpr store::TenantSql kStaff{
        "SELECT id, name, role FROM users WHERE tenant = $1 AND opd_id = $2 AND disabled = 0 "
        "AND role IN ('officer', 'opd_head') ORDER BY name"};
    SP_ASSIGN(auto rows, tx.Query(kStaff, tenant, opd_id));
    std::vector<StaffMember> out;
    for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

}  // namespace satupintu::identity
