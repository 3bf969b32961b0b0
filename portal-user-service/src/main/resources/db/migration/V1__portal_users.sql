-- Portal users: one membership per portal + record and per portal + e-mail while not removed.
create table portal_user (
    id               uuid primary key,
    org_id           text        not null,
    portal_id        uuid        not null,
    user_type_id     uuid        not null,
    module           text        not null,
    record_id        text        not null,
    name             text,
    email            text,
    email_normalized text,
    language         text,
    active           boolean     not null,
    confirmed        boolean     not null,
    invited_at       timestamptz,
    confirmed_at     timestamptz,
    deactivated_at   timestamptz,
    removed_at       timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index portal_user_record_uq on portal_user (portal_id, record_id) where removed_at is null;
create unique index portal_user_email_uq on portal_user (portal_id, email_normalized) where removed_at is null;
-- filters and counts of one portal's users
create index portal_user_state_idx on portal_user (org_id, portal_id, active, confirmed) where removed_at is null;
