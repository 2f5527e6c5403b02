-- Citizens who follow a case (issue 14): "saya juga mengalami ini" (affected = 1, counted on the
-- case's public page) or only its updates (affected = 0). Each gets the status emails the
-- reporter gets. One row per person and case; erasing an account removes its rows.
CREATE TABLE case_followers (
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    case_id     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    affected    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant, case_id, user_id)
);
CREATE INDEX case_followers_user ON case_followers(tenant, user_id);
