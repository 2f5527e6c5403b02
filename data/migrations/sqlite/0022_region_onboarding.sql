-- Onboarding regions (issue 15). A region's admin account is created by `satupintu region add` or
-- the platform operator's API; a disabled region keeps its data and its audit chain but is no
-- longer served (its pages, API, Open311 and sign-ins answer as for an unknown region) until it is
-- enabled again. The template its OPD structure came from is kept for the record.
ALTER TABLE tenants ADD COLUMN disabled_at INTEGER;
ALTER TABLE tenants ADD COLUMN opd_template TEXT;

-- The platform operator's API keys: not any region's, so kept apart from api_keys. Only the
-- SHA-256 of a key is stored.
CREATE TABLE platform_keys (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
