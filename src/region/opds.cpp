#include "region/opds.hpp"

#include <algorithm>
#include <array>

#include "core/ids.hpp"
#include "core/json.hpp"
#include "events/event_log.hpp"
#include "region/wilayah.hpp"

namespace satupintu::region {

namespace {
using store::TenantSql;

constexpr TenantSql kInsert{
    "INSERT INTO opds(tenant, id, code, name, kind, kecamatan_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr TenantSql kGet{"SELECT id, code, name, kind, kecamatan_code FROM opds WHERE tenant = $1 AND id = $2"};
constexpr TenantSql kGetByCode{"SELECT id, code, name, kind, kecamatan_code FROM opds WHERE tenant = $1 AND code = $2"};
constexpr TenantSql kList{"SELECT id, code, name, kind, kecamatan_code FROM opds WHERE tenant = $1 ORDER BY code"};
constexpr TenantSql kInsertUnit{
    "INSERT INTO opd_units(tenant, id, opd_id, name, created_at) VALUES ($1, $2, $3, $4, $5)"};
constexpr TenantSql kListUnits{
    "SELECT id, opd_id, name FROM opd_units WHERE tenant = $1 AND opd_id = $2 ORDER BY name"};

constexpr std::array<std::string_view, 7> kKinds = {"sekretariat", "sekretariat_dprd", "inspektorat", "badan",
                                                    "dinas",       "satpol_pp",        "kecamatan"};

Opd FromRow(const store::Row& r) {
    Opd o{r.Text(0), r.Text(1), r.Text(2), r.Text(3), std::nullopt};
    if (!r.IsNull(4)) o.kecamatan_code = r.Text(4);
    return o;
}

bool ValidName(const std::string& name) {
    return name.size() >= 3 && name.size() <= 200 && IsValidUtf8(name);
}
}  // namespace

Status ValidateNewOpd(const NewOpd& opd) {
    if (opd.code.size() < 2 || opd.code.size() > 24 || !std::all_of(opd.code.begin(), opd.code.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        })) {
        return Err(Errc::kInvalidInput, "code: 2-24 of A-Z 0-9 - _ .", "code");
    }
    if (!ValidName(opd.name)) return Err(Errc::kInvalidInput, "name: 3-200 characters", "name");
    if (std::find(kKinds.begin(), kKinds.end(), opd.kind) == kKinds.end()) {
        return Err(Errc::kInvalidInput, "kind is not an OPD kind", "kind");
    }
    if ((opd.kind == "kecamatan") != opd.kecamatan_code.has_value()) {
        return Err(Errc::kInvalidInput, "a kecamatan office, and only it, names its kecamatan", "kecamatan_code");
    }
    if (opd.kecamatan_code && CodeLevel(*opd.kecamatan_code) != 3) {
        return Err(Errc::kInvalidInput, "kecamatan_code must look like 36.04.05", "kecamatan_code");
    }
    return Status::Ok();
}

Result<Opd> CreateOpd(store::WriteTx& tx, const store::TenantId& tenant, const NewOpd& in, int64_t now_ms,
                      const std::string& actor) {
    SP_TRY(ValidateNewOpd(in));
    if (in.kecamatan_code && in.kecamatan_code->rfind(tenant.code() + ".", 0) != 0) {
        return Err(Errc::kInvalidInput, "the kecamatan is not in this region", "kecamatan_code");
    }
    Opd opd{NewId(), in.code, in.name, in.kind, in.kecamatan_code};
    auto inserted = tx.Exec(kInsert, tenant, opd.id, opd.code, opd.name, opd.kind, opd.kecamatan_code, now_ms);
    if (!inserted) {
        Error e = inserted.error();
        if (e.code == Errc::kConflict) e = Err(Errc::kConflict, "an OPD with this code exists", "code");
        return e;
    }
    events::Event e{"opd.created", actor, "opd:" + opd.id, {}};
    e.payload["code"] = opd.code;
    e.payload["name"] = opd.name;
    e.payload["kind"] = opd.kind;
    if (opd.kecamatan_code) e.payload["kecamatan_code"] = *opd.kecamatan_code;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return opd;
}

Result<OpdUnit> CreateOpdUnit(store::WriteTx& tx, const store::TenantId& tenant, const std::string& opd_id,
                              const std::string& name, int64_t now_ms, const std::string& actor) {
    if (!ValidName(name)) return Err(Errc::kInvalidInput, "name: 3-200 characters", "name");
    SP_ASSIGN(auto opd, GetOpd(tx, tenant, opd_id));
    if (!opd) return Err(Errc::kNotFound, "no such OPD");
    OpdUnit unit{NewId(), opd_id, name};
    SP_TRY(tx.Exec(kInsertUnit, tenant, unit.id, unit.opd_id, unit.name, now_ms));
    events::Event e{"opd_unit.created", actor, "opd_unit:" + unit.id, {}};
    e.payload["opd_id"] = opd_id;
    e.payload["name"] = name;
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return unit;
}

Result<std::optional<Opd>> GetOpd(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id) {
    SP_ASSIGN(auto row, tx.QueryOne(kGet, tenant, id));
    if (!row) return std::optional<Opd>{};
    return std::optional<Opd>{FromRow(*row)};
}

Result<std::optional<Opd>> GetOpdByCode(store::ReadTx& tx, const store::TenantId& tenant, const std::string& code) {
    SP_ASSIGN(auto row, tx.QueryOne(kGetByCode, tenant, code));
    if (!row) return std::optional<Opd>{};
    return std::optional<Opd>{FromRow(*row)};
}

Result<std::vector<Opd>> ListOpds(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto rows, tx.Query(kList, tenant));
    std::vector<Opd> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

Result<std::vector<OpdUnit>> ListOpdUnits(store::ReadTx& tx, const store::TenantId& tenant, const std::string& opd_id) {
    SP_ASSIGN(auto rows, tx.Query(kListUnits, tenant, opd_id));
    std::vector<OpdUnit> out;
    for (const auto& r : rows) out.push_back(OpdUnit{r.Text(0), r.Text(1), r.Text(2)});
    return out;
}

}  // namespace satupintu::region
