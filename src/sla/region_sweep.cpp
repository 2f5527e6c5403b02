#include "sla/region_sweep.hpp"

#include "cases/cases.hpp"
#include "core/log.hpp"
#include "documents/documents.hpp"
#include "permits/permits.hpp"

namespace satupintu::sla {

Result<SweepResult> SweepRegion(const SweepInput& in, const region::TenantCalendar& region) {
    const store::TenantId tenant(region.tenant.code);
    const int tz = region.tenant.tz_offset_minutes;
    const cases::Env env{region.calendar, in.geo, tz, in.now_ms, in.public_url};
    SweepResult out;
    // A batch per transaction, until a batch comes back short.
    constexpr int kBatch = 500;
    int changed = 0;
    do {
        SP_TRY(in.store.Write([&](store::WriteTx& tx) -> Status {
            SP_ASSIGN(changed, cases::Sweep(tx, tenant, env, kBatch));
            return Status::Ok();
        }));
        out.changed += changed;
    } while (changed >= kBatch);

    std::vector<permits::StepResult> steps;
    const permits::Env permit_env{region.calendar, in.vault, in.public_url, tz, in.now_ms};
    SP_TRY(in.store.Write([&](store::WriteTx& tx) -> Status {
        SP_ASSIGN(steps, permits::SweepTimeouts(tx, tenant, permit_env));
        return Status::Ok();
    }));
    for (const auto& r : steps) {
        out.permits_approved += r.bill_renewed ? 0 : 1;
        if (!r.document_id) continue;
        // Rendered now so that the applicant's first download is quick; a failure here leaves
        // the document to be rendered on its first download.
        auto file = documents::SignedFileOf(in.store, in.files, in.vault, tenant, *r.document_id, in.now_ms);
        if (!file) log::Warn("document rendering failed", {{"error", file.error().detail}});
    }
    return out;
}

}  // namespace satupintu::sla
