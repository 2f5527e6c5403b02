// A tenant's tax parameters, stored (tax_params) and changed only with an event.
#pragma once

#include "store/store.hpp"
#include "taxes/rules.hpp"

namespace satupintu::taxes {

// The tenant's parameters, or the national defaults when it has set none.
Result<TaxParams> LoadParams(store::ReadTx& tx, const store::TenantId& tenant);

// Validates and stores; appends "tax.params_set" with the new parameters.
Status SaveParams(store::WriteTx& tx, const store::TenantId& tenant, const TaxParams& p, int64_t now_ms,
                  const std::string& actor);

}  // namespace satupintu::taxes
