-- Open complaints past their follow-up deadline, per OPD: the "open overdue" of the on-time rate
-- (on time / (closed + open overdue)). A case counts from the moment the SLA sweep finds its
-- deadline passed (and escalates it) until it leaves the follow-up stage or closes. Kept in the
-- same transaction as each step, so the command center never counts the cases themselves.
CREATE TABLE opd_overdue (
    tenant TEXT NOT NULL REFERENCES tenants(code),
    opd_id TEXT NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (tenant, opd_id)
);
INSERT INTO opd_overdue (tenant, opd_id, n)
    SELECT tenant, opd_id, COUNT(*) FROM cases
    WHERE is_open = 1 AND stage = 'follow_up' AND escalation > 0 AND class <> 'permohonan' AND opd_id <> ''
    GROUP BY tenant, opd_id;
