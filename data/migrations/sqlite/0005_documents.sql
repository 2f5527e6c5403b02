-- Output documents: each region's Ed25519 signing keys (the secret sealed with the deployment
-- secret; the public key published), letter numbering, and every document issued.

CREATE TABLE signing_keys (
    tenant        TEXT NOT NULL REFERENCES tenants(code),
    id            TEXT NOT NULL,          -- first 16 hex digits of SHA-256(public key)
    public_key    TEXT NOT NULL,          -- hex
    sealed_secret TEXT NOT NULL,          -- XSalsa20-Poly1305 under the deployment secret
    created_at    INTEGER NOT NULL,
    retired_at    INTEGER,
    PRIMARY KEY (tenant, id)
);

-- Letter numbers {classification}/{serial}/{unit}/{year}: the serial restarts each calendar
-- year per unit (tata naskah dinas).
CREATE TABLE letter_serials (
    tenant TEXT NOT NULL REFERENCES tenants(code),
    unit   TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (tenant, unit, year)
);

CREATE TABLE documents (
    tenant        TEXT NOT NULL REFERENCES tenants(code),
    id            TEXT NOT NULL,
    number        TEXT NOT NULL,
    case_id       TEXT,
    service_id    TEXT,
    holder_id     TEXT,                   -- the citizen's user id
    title         TEXT NOT NULL,
    content       TEXT NOT NULL,          -- JSON: everything printed (documents/render.hpp)
    status        TEXT NOT NULL,          -- pending (numbered, not yet rendered), issued, revoked
    key_id        TEXT,
    signature     TEXT,                   -- hex Ed25519 over the statement
    pdf_sha256    TEXT,                   -- the rendered bytes (before the signature line)
    file_sha256   TEXT,                   -- the signed file in the file store
    issued_at     INTEGER NOT NULL,
    valid_until   TEXT,
    revoked_at    INTEGER,
    revoke_reason TEXT,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, number)
);
CREATE INDEX documents_case ON documents(tenant, case_id);
