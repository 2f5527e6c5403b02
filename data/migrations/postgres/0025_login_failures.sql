-- Failed logins per account, shared by every node on the database (issue 15): the in-memory
-- throttle paces each node, and this count locks an account that many addresses guess at across
-- nodes, as one node alone would. Keyed by a hash of "region|login"; a success clears it.
CREATE TABLE login_failures (
    account  TEXT PRIMARY KEY,
    first_at BIGINT NOT NULL,
    failures INTEGER NOT NULL
);
