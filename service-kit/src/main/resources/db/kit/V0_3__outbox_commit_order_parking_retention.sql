-- Ids are drawn one at a time, when the row is inserted: a producer that holds the aggregate's row lock when it
-- publishes draws a higher id than every earlier writer of that aggregate, on any replica, so "order by id"
-- is the commit order per key (a pooled block of 50 per instance was not).
alter sequence outbox_seq increment by 1;
alter table outbox alter column id set default nextval('outbox_seq');
alter sequence outbox_seq owned by outbox.id;

-- A row Kafka refuses for good (too large, invalid topic, ...) is parked with its error instead of blocking
-- every later event; attempts counts every send, last_error keeps the latest failure.
alter table outbox
    add column attempts   integer not null default 0,
    add column last_error text,
    add column parked_at  timestamptz;

drop index outbox_unsent_idx;
create index outbox_unsent_idx on outbox (id) where sent_at is null and parked_at is null;
create index outbox_parked_idx on outbox (id) where parked_at is not null;

-- retention clean-up of the dedupe log (rows are appended in time order: a BRIN index is enough)
create index processed_event_processed_at_idx on processed_event using brin (processed_at);
