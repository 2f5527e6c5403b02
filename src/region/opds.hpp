// OPDs (Organisasi Perangkat Daerah, regional departments) and their units, per tenant.
// Each kecamatan office is an OPD of kind "kecamatan" linked to its kecamatan code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::region {

struct Opd {
    std::string id;
    std::string code;  // short unit code used in letter numbers, e.g. "PUPR"
    std::string name;  // "Dinas Pekerjaan Umum dan Penataan Ruang"
    std::string kind;  // sekretariat, sekretariat_dprd, inspektorat, badan, dinas, satpol_pp, kecamatan
    std::optional<std::string> kecamatan_code;
};

struct NewOpd {
    std::string code, name, kind;
    std::optional<std::string> kecamatan_code;
};

struct OpdUnit {
    std::string id, opd_id, name;
};

// Pure validation of a new OPD (shape only; uniqueness is the store's).
Status ValidateNewOpd(const NewOpd& opd);

Result<Opd> CreateOpd(store::WriteTx& tx, const store::TenantId& tenant, const NewOpd& opd, int64_t now_ms,
                      const std::string& actor);
Result<OpdUnit> CreateOpdUnit(store::WriteTx& tx, const store::TenantId& tenant, const std::string& opd_id,
                              const std::string& name, int64_t now_ms, const std::string& actor);

Result<std::optional<Opd>> GetOpd(store::ReadTx& tx, const store::TenantId& tenant, const std::string& id);
Result<std::optional<Opd>> GetOpdByCode(store::ReadTx& tx, const store::TenantId& tenant, const std::string& code);
Result<std::vector<Opd>> ListOpds(store::ReadTx& tx, const store::TenantId& tenant);
Result<std::vector<OpdUnit>> ListOpdUnits(store::ReadTx& tx, const store::TenantId& tenant, const std::string& opd_id);

}  // namespace satupintu::region
