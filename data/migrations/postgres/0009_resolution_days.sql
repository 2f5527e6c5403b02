-- How long closed complaints took, per OPD: a histogram of whole days from filing to closing
-- (366 and more in one bucket), so the public portal's median resolution time is read from a few
-- rows instead of from every case. Rejected and merged complaints are not resolutions.
CREATE TABLE opd_resolution_days (
    tenant TEXT NOT NULL REFERENCES tenants(code),
    opd_id TEXT NOT NULL,
    days   BIGINT NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (tenant, opd_id, days)
);
INSERT INTO opd_resolution_days (tenant, opd_id, days, n)
    SELECT tenant, opd_id, d, COUNT(*) FROM (
        SELECT tenant, opd_id,
               CASE WHEN (closed_at - filed_at) / 86400000 > 366 THEN 366 ELSE (closed_at - filed_at) / 86400000 END AS d
        FROM cases WHERE status = 'closed' AND class <> 'permohonan' AND closed_at IS NOT NULL) c
    GROUP BY tenant, opd_id, d;
