#include "cases/projections.hpp"

namespace satupintu::cases {

namespace {

using store::TenantSql;

constexpr TenantSql kClearStatus{"DELETE FROM case_status_counts WHERE tenant = $1"};
constexpr TenantSql kStatus{
    "INSERT INTO case_status_counts (tenant, kind, status, n) "
    "SELECT tenant, CASE WHEN class = 'permohonan' THEN 'permit' ELSE 'complaint' END, status, COUNT(*) "
    "FROM cases WHERE tenant = $1 GROUP BY tenant, CASE WHEN class = 'permohonan' THEN 'permit' ELSE 'complaint' END, "
    "status"};
constexpr TenantSql kClearOverdue{"DELETE FROM opd_overdue WHERE tenant = $1"};
// The same rule as CountsAsOverdue.
constexpr TenantSql kOverdue{
    "INSERT INTO opd_overdue (tenant, opd_id, n) SELECT tenant, opd_id, COUNT(*) FROM cases "
    "WHERE tenant = $1 AND is_open = 1 AND stage = 'follow_up' AND escalation > 0 AND class <> 'permohonan' "
    "AND opd_id <> '' GROUP BY tenant, opd_id"};
constexpr TenantSql kClearIkm{"DELETE FROM ikm_totals WHERE tenant = $1"};
constexpr TenantSql kIkm{
    "INSERT INTO ikm_totals (tenant, service_id, element, total, answers) "
    "SELECT tenant, service_id, element, SUM(answer), COUNT(*) FROM ikm_answers WHERE tenant = $1 "
    "GROUP BY tenant, service_id, element"};
constexpr TenantSql kClearDays{"DELETE FROM opd_resolution_days WHERE tenant = $1"};
// The same rule as ResolutionDays.
constexpr TenantSql kDays{
    "INSERT INTO opd_resolution_days (tenant, opd_id, days, n) SELECT tenant, opd_id, d, COUNT(*) FROM ("
    "SELECT tenant, opd_id, CASE WHEN (closed_at - filed_at) / 86400000 > 366 THEN 366 "
    "ELSE (closed_at - filed_at) / 86400000 END AS d FROM cases WHERE tenant = $1 AND status = 'closed' "
    "AND class <> 'permohonan' AND closed_at IS NOT NULL) c GROUP BY tenant, opd_id, d"};

}  // namespace

Status RebuildDashboardProjections(store::WriteTx& tx, const store::TenantId& tenant) {
    for (const TenantSql* sql :
         {&kClearStatus, &kStatus, &kClearOverdue, &kOverdue, &kClearIkm, &kIkm, &kClearDays, &kDays}) {
        SP_TRY(tx.Exec(*sql, tenant));
    }
    return Status::Ok();
}

}  // namespace satupintu::cases
