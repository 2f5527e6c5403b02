-- Password reset (issue 14): a link emailed to an account's address, valid one hour, used once.
-- Only the SHA-256 of the link's token is kept; rows go when used, when a newer link is asked
-- for, and once expired (every maintenance sweep).
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX password_resets_user ON password_resets(tenant, user_id);
