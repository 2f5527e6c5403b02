-- The regency's emblem (lambang daerah) on the letterhead of its documents (issue 14): the PNG a
-- region's admin uploads, stored by its SHA-256 in the file store like any attachment. A document
-- names the emblem it was issued with, so re-rendering it later gives the same bytes.
ALTER TABLE tenants ADD COLUMN emblem_sha256 TEXT;
