#include "taxes/params.hpp"

#include "events/event_log.hpp"

namespace satupintu::taxes {

namespace {
constexpr store::TenantSql kLoad{"SELECT params FROM tax_params WHERE tenant = $1"};
constexpr store::TenantSql kSave{
    "INSERT INTO tax_params (tenant, params, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (tenant) DO UPDATE SET params = excluded.params, updated_at = excluded.updated_at"};
}  // namespace

Result<TaxParams> LoadParams(store::ReadTx& tx, const store::TenantId& tenant) {
    SP_ASSIGN(auto row, tx.QueryOne(kLoad, tenant));
    if (!row) {
        TaxParams defaults;
        defaults.legal_basis = "UU 1/2022 (HKPD), nilai bawaan nasional";
        return defaults;
    }
    SP_ASSIGN(auto o, ParseJsonObject(row->Text(0)));
    return ParamsFromJson(o);
}

Status SaveParams(store::WriteTx& tx, const store::TenantId& tenant, const TaxParams& p, int64_t now_ms,
                  const std::string& actor) {
    SP_TRY(Validate(p));
    const json::object params = ParamsJson(p);
    SP_TRY(tx.Exec(kSave, tenant, ToJson(params), now_ms));
    events::Event e{"tax.params_set", actor, "tax:params", params};
    SP_TRY(events::Append(tx, tenant, now_ms, e));
    return Status::Ok();
}

}  // namespace satupintu::taxes
