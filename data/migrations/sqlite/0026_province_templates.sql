-- Province templates (issue 15): a province keeps services and complaint categories that its
-- regions adopt with their own parameters (responsible OPD, SLA days, tariff from their Perda).
-- A changed template is a new version; a region's service changes only when its admin accepts
-- that version. `tenant` is the province's own tenant (its two-digit code).
CREATE TABLE province_templates (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    code       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    kind       TEXT NOT NULL,  -- complaint, permit
    name       TEXT NOT NULL,
    opd_code   TEXT NOT NULL,  -- the OPD a region usually makes responsible (its own choice wins)
    definition TEXT NOT NULL,  -- the service definition (catalog::DefinitionJson)
    note       TEXT NOT NULL,  -- what changed, for the regions' admins
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant, code, version)
);

-- Which version of which template a region adopted, with its own parameters.
CREATE TABLE template_adoptions (
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    code        TEXT NOT NULL,
    province    TEXT NOT NULL,
    version     INTEGER NOT NULL,
    params      TEXT NOT NULL,  -- JSON: opd_code, sla, fee
    accepted_at INTEGER NOT NULL,
    accepted_by TEXT NOT NULL,
    PRIMARY KEY (tenant, code)
);
