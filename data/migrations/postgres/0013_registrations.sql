-- Registration without enumeration or NIK claiming (issue 13, finding 6).
--
-- A citizen's registration waits here until its email address is confirmed through the link sent
-- to it; the answer to the request is the same whether or not the address is already taken.
-- Rows hold personal data only until confirmed or expired (deleted at the next registration).
CREATE TABLE registrations (
    token_hash      TEXT PRIMARY KEY,    -- SHA-256 of the link's token
    tenant          TEXT NOT NULL REFERENCES tenants(code),
    email           TEXT NOT NULL,
    phone           TEXT,
    name            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    nik_sealed      TEXT,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
CREATE INDEX registrations_expiry ON registrations(expires_at);

-- A NIK typed by its holder is a claim: several accounts may claim one NIK (nobody can block its
-- owner by registering it first). users.nik_index, unique per region, now holds only NIKs an
-- officer has checked against the KTP; a claim's blind index is nik_claim_index.
ALTER TABLE users ADD COLUMN nik_claim_index TEXT;
ALTER TABLE users ADD COLUMN nik_verified_at BIGINT;
UPDATE users SET nik_claim_index = nik_index, nik_index = NULL WHERE nik_index IS NOT NULL;
CREATE INDEX users_nik_claim ON users(tenant, nik_claim_index);
