-- The region's privacy notice (pemberitahuan privasi, UU 27/2022), in versions that are never
-- changed once published, and which version each person accepted when they registered.
CREATE TABLE privacy_notices (
    tenant       TEXT NOT NULL REFERENCES tenants(code),
    version      INTEGER NOT NULL,
    body         TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, version)
);
ALTER TABLE registrations ADD COLUMN notice_version INTEGER;
ALTER TABLE users ADD COLUMN notice_version INTEGER;
ALTER TABLE users ADD COLUMN notice_accepted_at BIGINT;
