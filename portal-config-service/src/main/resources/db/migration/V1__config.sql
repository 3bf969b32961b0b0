-- Org settings. The id is the token's org claim; an org without a row is a FREE org with defaults.
create table org (
    id                           text primary key,
    name                         text,
    edition                      text        not null,
    trial_edition                text,
    trial_started_at             timestamptz,
    trial_ends_at                timestamptz,
    trial_ended_at               timestamptz,
    company_domains              text[]      not null default '{}',
    gdpr_enabled                 boolean     not null default false,
    default_language             text        not null default 'en',
    portal_deletion_scheduled_at timestamptz,
    created_at                   timestamptz not null,
    updated_at                   timestamptz not null
);
-- the scheduler's scans
create index org_trial_due_idx on org (trial_ends_at) where trial_ended_at is null and trial_ends_at is not null;
create index org_deletion_due_idx on org (portal_deletion_scheduled_at) where portal_deletion_scheduled_at is not null;

-- Module metadata an org defined or replaced; the standard modules live in code and are overridden by a row.
create table crm_module (
    org_id      text        not null,
    name        text        not null,
    name_field  text,
    email_field text,
    fields      jsonb       not null,
    updated_at  timestamptz not null,
    primary key (org_id, name)
);

create table portal (
    id                     uuid primary key,
    org_id                 text        not null,
    name                   text        not null,
    module                 text        not null,
    slug                   text        not null,
    status                 text        not null,
    suspended              boolean     not null default false,
    invitation_expiry_days int         not null,
    system                 boolean     not null,
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);
create index portal_org_idx on portal (org_id, created_at, id);

-- Every slug a portal answers to: its current one and its old ones (aliases). One owner per slug, across orgs.
create table portal_slug (
    slug       text primary key,
    portal_id  uuid        not null references portal (id) on delete cascade,
    current    boolean     not null,
    created_at timestamptz not null
);
create index portal_slug_portal_idx on portal_slug (portal_id);

create table user_type (
    id         uuid primary key,
    org_id     text        not null,
    portal_id  uuid        not null references portal (id) on delete cascade,
    name       text        not null,
    modules    jsonb       not null,
    user_count bigint      not null default 0,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index user_type_name_uq on user_type (portal_id, lower(name));
create index user_type_portal_idx on user_type (org_id, portal_id, created_at, id);
