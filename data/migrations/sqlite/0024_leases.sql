-- Scheduled work runs once across the nodes of a deployment (issue 15): a node runs the SLA
-- sweep, alerts and retention only while it holds the job's lease, renewed each round; a node
-- that stops lets its lease run out and another takes over.
CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  INTEGER NOT NULL
);
