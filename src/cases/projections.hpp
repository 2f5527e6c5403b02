// Rebuilding the command center's projections from the rows they summarise, for a region whose
// projections are suspected to have drifted (a bug, a manual repair of a case row) and for the
// tests that prove live and rebuilt projections agree. Runs in one write transaction, so readers
// see either the old or the new numbers.
#pragma once

#include "core/result.hpp"
#include "store/store.hpp"

namespace satupintu::cases {

// case_status_counts, opd_overdue and opd_resolution_days (from cases), ikm_totals (from
// ikm_answers).
Status RebuildDashboardProjections(store::WriteTx& tx, const store::TenantId& tenant);

}  // namespace satupintu::cases
