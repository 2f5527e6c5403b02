-- Working-day calendars: a region's own entries over the shipped national calendar.
ALTER TABLE tenants ADD COLUMN cuti_bersama_is_off INTEGER NOT NULL DEFAULT 1;

CREATE TABLE calendar_days (
    tenant     TEXT NOT NULL REFERENCES tenants(code),
    day        TEXT NOT NULL,        -- YYYY-MM-DD
    kind       TEXT NOT NULL,        -- libur_nasional, cuti_bersama, libur_daerah, hari_kerja
    name       TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant, day)
);
