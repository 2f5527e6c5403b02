-- Foundation: regions, tenants, departments, people, sessions, keys, and the event log.
-- Times are BIGINT milliseconds since the Unix epoch (UTC).

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,   -- Kemendagri code: 36 / 36.04 / 36.04.05 / 36.04.05.2001
    parent_code TEXT,
    level       INTEGER NOT NULL,   -- 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan
    kind        TEXT NOT NULL,      -- provinsi, kabupaten, kota, kecamatan, desa, kelurahan, desa_adat
    name        TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE tenants (
    code              TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    tz_offset_minutes BIGINT NOT NULL DEFAULT 420,
    created_at        BIGINT NOT NULL
);

CREATE TABLE opds (
    tenant         TEXT NOT NULL REFERENCES tenants(code),
    id             TEXT NOT NULL,
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,      -- sekretariat, inspektorat, badan, dinas, satpol_pp, kecamatan
    kecamatan_code TEXT,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, code)
);

CREATE TABLE opd_units (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    id         TEXT NOT NULL,
    opd_id     TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, opd_id) REFERENCES opds(tenant, id)
);

CREATE TABLE users (
    tenant        TEXT NOT NULL REFERENCES tenants(code),
    id            TEXT NOT NULL,
    role          TEXT NOT NULL,      -- citizen, admin, opd_head, officer, verifier, auditor, lab_reviewer, executive
    opd_id        TEXT,
    email         TEXT,
    phone         TEXT,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    nik_sealed    TEXT,               -- secretbox(NIK), never the plain NIK
    nik_index     TEXT,               -- HMAC blind index for lookup
    created_at    BIGINT NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, email),
    UNIQUE (tenant, phone),
    UNIQUE (tenant, nik_index)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,    -- SHA-256 of the cookie value; the value itself is never stored
    tenant       TEXT NOT NULL REFERENCES tenants(code),
    user_id      TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(tenant, user_id);

CREATE TABLE api_keys (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    PRIMARY KEY (tenant, id)
);

-- The tamper-evident log: hash = SHA-256(prev_hash || canonical event). Append-only.
CREATE TABLE events (
    tenant    TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    type      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    subject   TEXT NOT NULL,
    payload   TEXT NOT NULL,         -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (tenant, seq)
);
CREATE INDEX events_at ON events(tenant, at);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only';
END $$;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
-- The application role may read and append, never rewrite (see docs/operations.md).
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC;

CREATE TABLE event_heads (
    tenant TEXT PRIMARY KEY REFERENCES tenants(code),
    seq    BIGINT NOT NULL,
    hash   TEXT NOT NULL
);
