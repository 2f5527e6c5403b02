-- Projections for the command center, kept in the same transaction as each step: cases by kind
-- and status, and IKM answer sums per service and element. Backfilled from what exists.
CREATE TABLE case_status_counts (
    tenant TEXT NOT NULL REFERENCES tenants(code),
    kind   TEXT NOT NULL,      -- complaint, permit
    status TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (tenant, kind, status)
);
INSERT INTO case_status_counts (tenant, kind, status, n)
    SELECT tenant, CASE WHEN class = 'permohonan' THEN 'permit' ELSE 'complaint' END, status, COUNT(*)
    FROM cases GROUP BY tenant, CASE WHEN class = 'permohonan' THEN 'permit' ELSE 'complaint' END, status;

CREATE TABLE ikm_totals (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    service_id TEXT NOT NULL,
    element    TEXT NOT NULL,  -- U1..U9
    total      INTEGER NOT NULL,
    answers    INTEGER NOT NULL,
    PRIMARY KEY (tenant, service_id, element)
);
INSERT INTO ikm_totals (tenant, service_id, element, total, answers)
    SELECT tenant, service_id, element, SUM(answer), COUNT(*) FROM ikm_answers GROUP BY tenant, service_id, element;
