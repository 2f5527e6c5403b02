-- Joining and filing by phone (issue 14): one-time codes sent by SMS or WhatsApp.
--
-- A code proves that the person holds the phone: to confirm a registration by phone, to set a
-- forgotten password, or to file a report without an account. Only its hash is kept; it expires
-- after ten minutes and dies after five wrong tries. One live code per phone and purpose.
CREATE TABLE phone_codes (
    tenant      TEXT NOT NULL REFERENCES tenants(code),
    phone       TEXT NOT NULL,        -- normalised, +62...
    purpose     TEXT NOT NULL,        -- register, reset, file
    code_hash   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant, phone, purpose)
);
CREATE INDEX phone_codes_expiry ON phone_codes(expires_at);

-- A registration by phone has no email address.
ALTER TABLE registrations ALTER COLUMN email DROP NOT NULL;

-- A reporter without an account whose phone was proven by a code gets status updates there.
ALTER TABLE case_contacts ADD COLUMN channel TEXT;   -- sms, whatsapp; NULL: an unproven phone
