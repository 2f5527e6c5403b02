-- Command-center alerts: one row per region, day, kind and subject (a kecamatan, an OPD, or ''),
-- so that an alert is raised (and sent through the outbox) once a day however often it is
-- evaluated.
CREATE TABLE alerts (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    id         TEXT NOT NULL,
    day        TEXT NOT NULL,
    kind       TEXT NOT NULL,     -- complaint_spike, breach_wave, payments_stopped
    subject    TEXT NOT NULL,
    message    TEXT NOT NULL,
    value      BIGINT NOT NULL,
    threshold  BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, day, kind, subject)
);
