-- CRM record directory: the latest version of every record seen on crm.record-changed.
create table crm_record (
    org_id           text        not null,
    module           text        not null,
    record_id        text        not null,
    version          bigint      not null,
    name             text,
    email            text,
    language         text,
    approval         text,
    review           text,
    consent          text,
    fields           jsonb       not null,
    deleted          boolean     not null default false,
    updated_at       timestamptz not null,
    primary key (org_id, module, record_id)
);
-- portal data access: records whose lookup points at, or whose multi-lookup contains, a user's record
create index crm_record_fields_idx on crm_record using gin (fields jsonb_path_ops);

-- portal users: optimistic version, and the indexes of the list's filters, search and sort
alter table portal_user add column version bigint not null default 0;
alter table portal_user add column last_invitation_status text;
drop index portal_user_state_idx;
-- listed users are those whose invitation went out (invited_at) or who are confirmed
create index portal_user_list_idx on portal_user (portal_id, active, confirmed, lower(name), id)
    where removed_at is null;
create index portal_user_type_idx on portal_user (portal_id, user_type_id, lower(name), id) where removed_at is null;
create index portal_user_name_prefix_idx on portal_user (portal_id, lower(name) text_pattern_ops) where removed_at is null;
create index portal_user_email_prefix_idx on portal_user (portal_id, email_normalized text_pattern_ops)
    where removed_at is null;
-- the memberships of a record (record deleted or changed in the CRM)
create index portal_user_record_idx on portal_user (org_id, module, record_id) where removed_at is null;

-- bulk jobs: one row per job, one item per record or user, outcomes counted on the job
create table bulk_job (
    id               uuid primary key,
    org_id           text        not null,
    portal_id        uuid        not null,
    action           text        not null,
    status           text        not null,
    -- facts of the portal when the job started: its module and the seat limit of the org (null: none)
    module           text        not null,
    seat_limit       integer,
    user_type_id     uuid,
    language         text,
    total            integer     not null,
    succeeded        integer     not null default 0,
    failed           integer     not null default 0,
    gated            boolean     not null default false,
    idempotency_key  text,
    request_hash     text,
    created_by       text,
    created_at       timestamptz not null,
    completed_at     timestamptz
);
create index bulk_job_portal_idx on bulk_job (org_id, portal_id, created_at desc);
create unique index bulk_job_idempotency_uq on bulk_job (org_id, idempotency_key) where idempotency_key is not null;
-- jobs whose items still wait for the gate (picked up again after a crash)
create index bulk_job_ungated_idx on bulk_job (created_at) where not gated;

create table job_item (
    job_id     uuid        not null references bulk_job (id) on delete cascade,
    item_no    integer     not null,
    record_id  text        not null,
    user_id    uuid,
    name       text,
    email      text,
    outcome    text        not null,
    reason     text,
    message    text,
    gated      boolean     not null default false,
    updated_at timestamptz not null,
    primary key (job_id, item_no)
);
create index job_item_outcome_idx on job_item (job_id, outcome, item_no);
create index job_item_user_idx on job_item (job_id, user_id) where user_id is not null;
