#include "region/tenants.hpp"

#include "events/event_log.hpp"
#include "region/wilayah.hpp"

namespace satupintu::region {

namespace {
using store::GlobalSql;

constexpr GlobalSql kFind{"SELECT code, name, tz_offset_minutes FROM tenants WHERE code = $1"};
constexpr GlobalSql kList{"SELECT code, name, tz_offset_minutes FROM tenants ORDER BY code"};
constexpr GlobalSql kEmblem{"SELECT emblem_sha256 FROM tenants WHERE code = $1"};
constexpr GlobalSql kSetEmblem{"UPDATE tenants SET emblem_sha256 = $2 WHERE code = $1"};
constexpr GlobalSql kInsert{
    "INSERT INTO tenants(code, name, tz_offset_minutes, created_at) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (code) DO NOTHING"};

Tenant FromRow(const store::Row& r) {
    return Tenant{r.Text(0), r.Text(1), static_cast<int>(r.Int(2))};
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
