-- The dispatcher asks for one channel's due messages at a time, among unsent rows only. The old
-- index (sent_at, next_at) made it visit every unsent message of every channel: with no SMTP
-- relay configured, every email ever queued, twice a second.
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox(channel, next_at) WHERE sent_at IS NULL;
