-- The invitation ledger: one row per invitation sent or attempted. Tokens are stored only as SHA-256.
create table invitation (
    id             uuid primary key,
    org_id         text        not null,
    portal_id      uuid        not null,
    user_id        uuid,
    record_id      text        not null,
    email          text,
    language       text,
    source         text        not null,
    status         text        not null,
    job_id         uuid,
    config_id      uuid,
    token_hash     bytea unique,
    expires_at     timestamptz,
    failure_reason text,
    failure_message text,
    created_at     timestamptz not null,
    sent_at        timestamptz,
    accepted_at    timestamptz,
    revoked_at     timestamptz
);
-- the invitation log of a portal, newest first, filtered by status, source or record
create index invitation_log_idx on invitation (org_id, portal_id, created_at desc);
create index invitation_status_idx on invitation (org_id, portal_id, status, created_at desc);
create index invitation_source_idx on invitation (org_id, portal_id, source, created_at desc);
create index invitation_record_idx on invitation (org_id, portal_id, record_id);
