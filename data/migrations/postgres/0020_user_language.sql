-- The language a person reads (issue 14): the one they last used the site in (set at sign-up and
-- at each login), so that the emails about their cases come in it. NULL: Indonesian.
ALTER TABLE users ADD COLUMN lang TEXT;
