-- Catalog -> cases: services (complaint categories first), the case engine's tables, and the
-- projections kept current in the same transaction as each case event.

-- A service of the catalog. `definition` is the current version's JSON (SLA settings,
-- attributes, confidentiality); every version is kept in service_versions.
CREATE TABLE services (
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    id          TEXT NOT NULL,
    code        TEXT NOT NULL,        -- stable, e.g. JALAN-RUSAK (Open311 service_code)
    kind        TEXT NOT NULL,        -- complaint, permit, ...
    version     BIGINT NOT NULL,
    name        TEXT NOT NULL,
    opd_id      TEXT NOT NULL,        -- the responsible OPD
    definition  TEXT NOT NULL,
    active      BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, code),
    FOREIGN KEY (tenant, opd_id) REFERENCES opds(tenant, id)
);

CREATE TABLE service_versions (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    service_id TEXT NOT NULL,
    version    BIGINT NOT NULL,
    name       TEXT NOT NULL,
    opd_id     TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, service_id, version)
);

-- Per-tenant, per-year serials for tracking numbers (ADU-2026-000042).
CREATE TABLE case_serials (
    tenant TEXT NOT NULL REFERENCES tenants(code),
    prefix TEXT NOT NULL,
    year   BIGINT NOT NULL,
    last   BIGINT NOT NULL,
    PRIMARY KEY (tenant, prefix, year)
);

-- The current state of every case: the work-queue projection. Dates (YYYY-MM-DD) are tenant
-- civil dates; points are micro-degrees.
CREATE TABLE cases (
    tenant          TEXT NOT NULL REFERENCES tenants(code),
    id              TEXT NOT NULL,
    number          TEXT NOT NULL,
    service_id      TEXT NOT NULL,
    service_version BIGINT NOT NULL,
    class           TEXT NOT NULL,     -- aspirasi, pengaduan, permintaan_informasi
    status          TEXT NOT NULL,
    is_open         BIGINT NOT NULL,
    description     TEXT NOT NULL,
    attributes      TEXT NOT NULL,     -- JSON object, by attribute code
    kecamatan_code  TEXT,
    desa_code       TEXT,
    lat_e6          BIGINT,
    lng_e6          BIGINT,
    address         TEXT,
    media_url       TEXT,              -- a client's own photo link (Open311 media_url)
    anonymous       BIGINT NOT NULL,
    rahasia         BIGINT NOT NULL,
    reporter_id     TEXT,              -- the citizen's user id; null when filed through Open311
    opd_id          TEXT NOT NULL,
    assignee_id     TEXT,
    stage           TEXT NOT NULL,     -- verification, follow_up, auto_close, done
    stage_due       TEXT NOT NULL,     -- the current stage's deadline; 9999-12-31 when none
    sweep_after     TEXT,              -- the SLA sweep looks again on this date (null: never)
    paused_since    TEXT,              -- waiting on the reporter since
    resume_status   TEXT,
    resolve_by      TEXT NOT NULL,     -- filed + 60 days (Perpres 76/2013)
    escalation      BIGINT NOT NULL DEFAULT 0,
    breached        BIGINT NOT NULL DEFAULT 0,
    merged_into     TEXT,
    rating          BIGINT,
    filed_at        BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    closed_at       BIGINT,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, number)
);
-- The work queues: open cases by deadline (per OPD, and region-wide), history by filing time.
CREATE INDEX cases_queue ON cases(tenant, opd_id, is_open, stage_due, id);
CREATE INDEX cases_open_due ON cases(tenant, is_open, stage_due, id);
CREATE INDEX cases_opd_filed ON cases(tenant, opd_id, filed_at);
CREATE INDEX cases_sweep ON cases(tenant, sweep_after);
CREATE INDEX cases_filed ON cases(tenant, filed_at);
CREATE INDEX cases_service_open ON cases(tenant, service_id, is_open, lat_e6);
CREATE INDEX cases_reporter ON cases(tenant, reporter_id, filed_at);
CREATE INDEX cases_merged ON cases(tenant, merged_into, filed_at);

-- Reporter contact for notifications when filed without an account (Open311). Never public.
CREATE TABLE case_contacts (
    tenant  TEXT NOT NULL REFERENCES tenants(code),
    case_id TEXT NOT NULL,
    name    TEXT,
    email   TEXT,
    phone   TEXT,
    PRIMARY KEY (tenant, case_id)
);

-- The timeline of every case, one row per step (the events, as a read model). `public` rows
-- are the ones the public and Open311's servicerequestupdates may see.
CREATE TABLE case_updates (
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    id          TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    at          BIGINT NOT NULL,
    action      TEXT NOT NULL,
    status      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    opd_id      TEXT,
    note        TEXT NOT NULL,
    public      BIGINT NOT NULL,
    external_id TEXT,             -- a client's update_id (Open311)
    attachments TEXT NOT NULL,    -- JSON array of attachment ids
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, external_id)
);
CREATE INDEX case_updates_case ON case_updates(tenant, case_id, at);
CREATE INDEX case_updates_at ON case_updates(tenant, at);

-- Full-text search: normalised Indonesian terms of each case (see cases/search.hpp), newest
-- last within a term, so that a search reads one term's newest entries in key order.
CREATE TABLE case_terms (
    tenant   TEXT NOT NULL REFERENCES tenants(code),
    term     TEXT NOT NULL,
    filed_at BIGINT NOT NULL,
    case_id  TEXT NOT NULL,
    PRIMARY KEY (tenant, term, filed_at, case_id)
);

-- Attachments: content-addressed files in DATA/files; this row says who may see them.
CREATE TABLE attachments (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    id         TEXT NOT NULL,
    case_id    TEXT,
    sha256     TEXT NOT NULL,        -- of the stored, metadata-stripped copy
    media_type TEXT NOT NULL,
    bytes      BIGINT NOT NULL,
    purpose    TEXT NOT NULL,        -- report, proof
    uploaded_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX attachments_case ON attachments(tenant, case_id);

-- Ratings and IKM answers by element id (U1..U9).
CREATE TABLE case_ratings (
    tenant  TEXT NOT NULL REFERENCES tenants(code),
    case_id TEXT NOT NULL,
    rating  BIGINT NOT NULL,
    comment TEXT NOT NULL,
    at      BIGINT NOT NULL,
    PRIMARY KEY (tenant, case_id)
);
CREATE TABLE ikm_answers (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    case_id    TEXT NOT NULL,
    service_id TEXT NOT NULL,
    element    TEXT NOT NULL,    -- U1..U9
    answer     BIGINT NOT NULL, -- 1..4
    at         BIGINT NOT NULL,
    PRIMARY KEY (tenant, case_id, element)
);

-- Per-OPD counters for the on-time rate: on time / (closed + open overdue).
CREATE TABLE opd_case_stats (
    tenant         TEXT NOT NULL REFERENCES tenants(code),
    opd_id         TEXT NOT NULL,
    received       BIGINT NOT NULL DEFAULT 0,
    closed         BIGINT NOT NULL DEFAULT 0,
    closed_on_time BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, opd_id)
);

-- Daily counters per tenant x day x service x OPD x kecamatan.
CREATE TABLE case_daily (
    tenant         TEXT NOT NULL REFERENCES tenants(code),
    day            TEXT NOT NULL,
    service_id     TEXT NOT NULL,
    opd_id         TEXT NOT NULL,
    kecamatan_code TEXT NOT NULL,
    filed          BIGINT NOT NULL DEFAULT 0,
    closed         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, day, service_id, opd_id, kecamatan_code)
);

-- Notifications waiting to go out (email, webhooks). Survives restarts; retried with backoff.
CREATE TABLE outbox (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    id         TEXT NOT NULL,
    channel    TEXT NOT NULL,       -- email, webhook
    target     TEXT NOT NULL,       -- address or URL
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    next_at    BIGINT NOT NULL,
    sent_at    BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX outbox_due ON outbox(sent_at, next_at);

-- Webhook subscriptions per tenant; payloads are signed with HMAC-SHA256 of `secret`.
CREATE TABLE webhooks (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    id         TEXT NOT NULL,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, id)
);
