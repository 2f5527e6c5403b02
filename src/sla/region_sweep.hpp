// The SLA sweep of one region, run on a timer by the server (cases.sla_sweep_seconds) and on
// demand by POST /api/v1/sla/sweep: complaints past a deadline escalate a rung or close
// themselves; permit steps that allow it approve themselves past their deadline (fiktif
// positif) and their documents are rendered; expired unpaid bills are renewed. Every change is
// written through the case engine in the store's transactions.
#pragma once

#include <string>

#include "core/result.hpp"
#include "files/attachments.hpp"
#include "identity/nik_vault.hpp"
#include "region/calendar.hpp"
#include "region/geo.hpp"
#include "store/store.hpp"

namespace satupintu::sla {

struct SweepInput {
    store::Store& store;
    const files::FileStore& files;
    const identity::NikVault& vault;
    const region::KecamatanMap& geo;
    std::string public_url;
    int64_t now_ms = 0;
};

struct SweepResult {
    int changed = 0;           // complaints escalated or closed
    int permits_approved = 0;  // permit steps approved on timeout
};

Result<SweepResult> SweepRegion(const SweepInput& in, const region::TenantCalendar& region);

}  // namespace satupintu::sla
