#include "region/tenants.hpp"

#include "events/event_log.hpp"
#include "region/wilayah.hpp"

namespace satupintu::region {

namespace {
using store::GlobalSql;

constexpr GlobalSql kFind{"SELECT code, name, tz_offset_minutes FROM tenants WHERE code = $1 AND disabled_at IS NULL"};
constexpr GlobalSql kList{"SELECT code, name, tz_offset_minutes FROM tenants WHERE disabled_at IS NULL ORDER BY code"};
constexpr GlobalSql kFindRecord{
    "SELECT code, name, tz_offset_minutes, created_at, disabled_at, opd_template FROM tenants WHERE code = $1"};
constexpr GlobalSql kListRecords{
    "SELECT code, name, tz_offset_minutes, created_at, disabled_at, opd_template FROM tenants ORDER BY code"};
constexpr GlobalSql kDisable{"UPDATE tenants SET disabled_at = $2 WHERE code = $1 AND disabled_at IS NULL"};
constexpr GlobalSql kEnable{"UPDATE tenants SET disabled_at = NULL WHERE code = $1 AND disabled_at IS NOT NULL"};
constexpr GlobalSql kSetTemplate{"UPDATE tenants SET opd_template = $2 WHERE code = $1 AND opd_template IS NULL"};
constexpr GlobalSql kEmblem{"SELECT emblem_sha256 FROM tenants WHERE code = $1"};
constexpr GlobalSql kSetEmblem{"UPDATE tenants SET emblem_sha256 = $2 WHERE code = $1"};
constexpr GlobalSql kInsert{
    "INSERT INTO tenants(code, name, tz_offset_minutes, created_at) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (code) DO NOTHING"};

Tenant FromRow(const store::Row& r) {
    return Tenant{r.Text(0), r.Text(1), static_cast<int>(r.Int(2))};
}

TenantRecord RecordFromRow(const store::Row& r) {
    return TenantRecord{FromRow(r), r.Int(3), r.IsNull(4) ? std::nullopt : std::optional<int64_t>(r.Int(4)),
                        r.OptText(5)};
}
}  // namespace

Result<std::optional<Tenant>> FindTenant(store::ReadTx& tx, const std::string& code) {
    SP_ASSIGN(auto row, tx.QueryOne(kFind, code));
    if (!row) return std::optional<Tenant>{};
    return std::optional<Tenant>{FromRow(*row)};
}

Result<std::vector<Tenant>> ListTenants(store::ReadTx& tx) {
    SP_ASSIGN(auto rows, tx.Query(kList));
    std::vector<Tenant> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

Result<std::optional<TenantRecord>> FindTenantRecord(store::ReadTx& tx, const std::string& code) {
    SP_ASSIGN(auto row, tx.QueryOne(kFindRecord, code));
    if (!row) return std::optional<TenantRecord>{};
    return std::optional<TenantRecord>{RecordFromRow(*row)};
}

Result<std::vector<TenantRecord>> ListTenantRecords(store::ReadTx& tx) {
    SP_ASSIGN(auto rows, tx.Query(kListRecords));
    std::vector<TenantRecord> out;
    for (const auto& r : rows) out.push_back(RecordFromRow(r));
    return out;
}

Status SetTenantDisabled(store::WriteTx& tx, const std::string& code, bool disabled, int64_t now_ms,
                         const std::string& actor) {
    SP_ASSIGN(auto found, FindTenantRecord(tx, code));
    if (!found) return Err(Errc::kNotFound, "no such region", "code");
    SP_ASSIGN(const int64_t changed, disabled ? tx.Exec(kDisable, code, now_ms) : tx.Exec(kEnable, code));
    if (changed == 0) return Status::Ok();
    events::Event e{disabled ? "tenant.disabled" : "tenant.enabled", actor, "tenant:" + code, {}};
    return events::Append(tx, store::TenantId(code), now_ms, e).status();
}

Status RecordOpdTemplate(store::WriteTx& tx, const std::string& code, const std::string& template_id) {
    return tx.Exec(kSetTemplate, code, template_id).status();
}

Result<std::optional<std::string>> EmblemOf(store::ReadTx& tx, const std::string& code) {
    SP_ASSIGN(auto row, tx.QueryOne(kEmblem, code));
    if (!row || row->IsNull(0)) return std::optional<std::string>{};
    return std::optional<std::string>{row->Text(0)};
}

Status SetEmblem(store::WriteTx& tx, const std::string& code, const std::string& sha256, int64_t now_ms,
                 const std::string& actor) {
    SP_ASSIGN(const int64_t changed, tx.Exec(kSetEmblem, code, sha256));
    if (changed == 0) return Err(Errc::kNotFound, "no such region");
    events::Event e{"region.emblem_set", actor, "tenant:" + code, {}};
    e.payload["sha256"] = sha256;
    return events::Append(tx, store::TenantId(code), now_ms, e).status();
}

Status EnsureTenant(store::WriteTx& tx, const Tenant& tenant, int64_t now_ms, const std::string& actor) {
    const int level = CodeLevel(tenant.code);
    if (level != 1 && level != 2) return Err(Errc::kInvalidInput, "a tenant is a province or regency code", "code");
    SP_ASSIGN(int64_t inserted, tx.Exec(kInsert, tenant.code, tenant.name, tenant.tz_offset_minutes, now_ms));
    if (inserted == 0) return Status::Ok();
    const store::TenantId id(tenant.code);
    SP_TRY(events::InitChain(tx, id));
    events::Event e{"tenant.created", actor, "tenant:" + tenant.code, {}};
    e.payload["name"] = tenant.name;
    e.payload["tz_offset_minutes"] = tenant.tz_offset_minutes;
    SP_TRY(events::Append(tx, id, now_ms, e));
    return Status::Ok();
}

}  // namespace satupintu::region
