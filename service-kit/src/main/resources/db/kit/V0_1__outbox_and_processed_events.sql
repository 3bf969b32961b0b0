-- service-kit tables, present in every service's schema. Kit migrations use the V0_n series.
create sequence outbox_seq increment by 50;

create table outbox (
    id         bigint primary key,
    topic      text        not null,
    msg_key    text        not null,
    payload    text        not null,
    request_id text,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);
-- the relay's scan: oldest unsent first
create index outbox_unsent_idx on outbox (id) where sent_at is null;
-- retention clean-up
create index outbox_sent_at_idx on outbox (sent_at) where sent_at is not null;

create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
