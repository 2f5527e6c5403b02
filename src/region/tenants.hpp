// Tenants: each is one region (kabupaten/kota, or a province) by its Kemendagri code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::region {

struct Tenant {
    std::string code;             // "36.04"
    std::string name;             // "Kabupaten Serang"
    int tz_offset_minutes = 420;  // WIB +07:00; WITA 480, WIT 540
};

// A region that is served: a disabled one is not found (issue 15), so its pages, API, Open311,
// sign-ins and scheduled work stop while its data stays.
Result<std::optional<Tenant>> FindTenant(store::ReadTx& tx, const std::string& code);
Result<std::vector<Tenant>> ListTenants(store::ReadTx& tx);

// Every region on the platform, disabled ones too, for the platform operator.
struct TenantRecord {
    Tenant tenant;
    int64_t created_at = 0;
    std::optional<int64_t> disabled_at;
    std::optional<std::string> opd_template;
};
Result<std::optional<TenantRecord>> FindTenantRecord(store::ReadTx& tx, const std::string& code);
Result<std::vector<TenantRecord>> ListTenantRecords(store::ReadTx& tx);
// Stops (disabled) or resumes serving a region; appends "tenant.disabled" / "tenant.enabled".
// kNotFound for an unknown region; nothing changes (and nothing is appended) when it already is.
Status SetTenantDisabled(store::WriteTx& tx, const std::string& code, bool disabled, int64_t now_ms,
                         const std::string& actor);
// Records the OPD template a region was onboarded with (the first one only).
Status RecordOpdTemplate(store::WriteTx& tx, const std::string& code, const std::string& template_id);

// The SHA-256 (in the file store) of the region's emblem, if its admin uploaded one.
Result<std::optional<std::string>> EmblemOf(store::ReadTx& tx, const std::string& code);
// Sets the region's emblem; appends "region.emblem_set".
Status SetEmblem(store::WriteTx& tx, const std::string& code, const std::string& sha256, int64_t now_ms,
                 const std::string& actor);

// Creates the tenant and its event chain; does nothing if it exists. Appends "tenant.created".
Status EnsureTenant(store::WriteTx& tx, const Tenant& tenant, int64_t now_ms, const std::string& actor);

}  // namespace satupintu::region
