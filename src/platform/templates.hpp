// Province templates (issue 15): a province keeps services and complaint categories its regions
// adopt instead of each writing its own. The province publishes a template (a service definition
// and the OPD usually responsible); each change is a new version with a note. A region's admin
// adopts a version with the region's own parameters: the responsible OPD, SLA days, and for a
// permit the tariff from its own Perda. The region's service is then the template with those
// parameters, as a new version of its own service; a newer template version changes nothing in
// the region until its admin accepts it (the parameters carry over unless changed).
//
// A province is a tenant whose code is the province's two digits ("32"), onboarded with its
// regions by `region add 32`; its staff (admin, executive, auditor) read the roll-up of its
// regions and drill down to their services' figures, never to a case or a person.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/services.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::platform {

// "32": a province's own tenant; "32.04": a regency or city.
bool IsProvince(const std::string& tenant_code);

struct Template {
    std::string code, kind, name, opd_code, note;
    int version = 0;
    json::object definition;  // catalog::DefinitionJson
    int64_t created_at = 0;
};

// Publishes a template, or its next version when the code exists (an identical one is not
// published again). kind is "complaint" or "permit"; the definition is checked as a region's
// service would be.
Result<Template> PublishTemplate(store::WriteTx& tx, const store::TenantId& province, Template t, int64_t now_ms,
                                 const std::string& actor);

// The latest version of each template of the province.
Result<std::vector<Template>> LatestTemplates(store::ReadTx& tx, const std::string& province);

struct Adoption {
    std::string code;
    int version = 0;
    json::object params;  // opd_code, sla {verify_days, follow_up_days, auto_close_days, resolve_days}, fee
    int64_t accepted_at = 0;
};

Result<std::vector<Adoption>> Adoptions(store::ReadTx& tx, const store::TenantId& region);

// Adopts version `version` of the province's template `code` in `region` with `params` (merged
// over the ones of an earlier adoption). kConflict when a newer version exists (the admin
// reviews what is current); kInvalidInput for an OPD the region lacks or SLA days out of range.
// The region's service is written as the template says with the parameters applied.
Result<catalog::Service> AcceptTemplate(store::WriteTx& tx, const store::TenantId& region, const std::string& code,
                                        int version, const json::object& params, int64_t now_ms,
                                        const std::string& actor);

}  // namespace satupintu::platform
