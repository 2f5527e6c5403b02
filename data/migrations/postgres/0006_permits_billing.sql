-- Permits (cases of class 'permohonan') and payments: bills with a billing code (kode bayar),
-- payments reported by banks (idempotent on the bank's transaction id), each bank channel's
-- callback secret, and the revenue projection.

CREATE INDEX cases_service_closed ON cases(tenant, service_id, closed_at);

CREATE TABLE bills (
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    id          TEXT NOT NULL,
    case_id     TEXT,
    kode_bayar  TEXT NOT NULL,          -- 15 digits: region, year, serial, check digit
    amount      BIGINT NOT NULL,       -- whole rupiah, computed by the service's rule
    description TEXT NOT NULL,
    rule        TEXT NOT NULL,          -- the rule in words, as shown to the payer
    status      TEXT NOT NULL,          -- unpaid, paid
    issued_at   BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    paid_at     BIGINT,
    payment_id  TEXT,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, kode_bayar)
);
CREATE INDEX bills_case ON bills(tenant, case_id);
CREATE INDEX bills_issued ON bills(tenant, issued_at);

CREATE TABLE payments (
    tenant          TEXT NOT NULL REFERENCES tenants(code),
    id              TEXT NOT NULL,
    bill_id         TEXT NOT NULL,
    bank            TEXT NOT NULL,
    bank_txn_id     TEXT NOT NULL,
    amount          BIGINT NOT NULL,
    paid_at         BIGINT NOT NULL,   -- as the bank reports it
    received_at     BIGINT NOT NULL,   -- when the callback arrived
    ntpd            TEXT NOT NULL,      -- Nomor Transaksi Penerimaan Daerah (the receipt number)
    status          TEXT NOT NULL,      -- settled, reversed
    reversed_at     BIGINT,
    reversal_reason TEXT,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, bank, bank_txn_id),
    UNIQUE (tenant, ntpd)
);
CREATE INDEX payments_paid ON payments(tenant, paid_at);

CREATE TABLE bank_channels (
    tenant        TEXT NOT NULL REFERENCES tenants(code),
    bank          TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,        -- the HMAC key, sealed under the deployment secret
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (tenant, bank)
);

-- Revenue per civil day: billed (bills issued) and received (payments net of reversals).
CREATE TABLE revenue_daily (
    tenant   TEXT NOT NULL REFERENCES tenants(code),
    day      TEXT NOT NULL,
    billed   BIGINT NOT NULL DEFAULT 0,
    bills    BIGINT NOT NULL DEFAULT 0,
    received BIGINT NOT NULL DEFAULT 0,
    payments BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, day)
);
