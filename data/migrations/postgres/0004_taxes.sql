-- Local tax parameters per tenant (from its Perda), used by the public calculators and by the
-- services whose fee rule is a tax formula. One row per tenant; absent means the national
-- defaults of rules-id.md.
CREATE TABLE tax_params (
    tenant     TEXT PRIMARY KEY REFERENCES tenants(code),
    params     TEXT NOT NULL,      -- JSON: pbb_p2, bphtb, penalty, legal_basis
    updated_at BIGINT NOT NULL
);
