-- Per-account upload quota (issue 13, finding 5): what an account uploaded lately, and what it
-- uploaded without attaching it yet, are counted on every upload.
CREATE INDEX attachments_uploader ON attachments(tenant, uploaded_by, created_at);
-- Uploads never attached to a case are forgotten after a day (files::ForgetUnlinked).
CREATE INDEX attachments_unlinked ON attachments(created_at) WHERE case_id IS NULL;
