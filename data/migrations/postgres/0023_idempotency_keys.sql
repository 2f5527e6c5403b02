-- Idempotency keys on write APIs (issue 15). A request with an Idempotency-Key header records the
-- key in the same transaction as its writes, so a write and its key commit together or not at all;
-- its answer is added once made, and a retry with the same key gets that answer instead of writing
-- again. `scope` is a hash of the caller's credential (or "anon"); `fingerprint` a hash of the
-- request, so that a key sent again with another request is refused. Kept 24 hours.
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    nonce        TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    status       INTEGER,
    content_type TEXT,
    location     TEXT,
    body         TEXT,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
