-- A report filed anonymous and rahasia without an account can still be followed by its reporter
-- (issue 14): the filing answers once with a random access key, and only its hash is kept here.
-- Whoever holds the key sees the report as its reporter would; nobody else outside the staff.
ALTER TABLE case_contacts ADD COLUMN access_key_hash TEXT;
