-- What evaluation needs without asking anyone: the module a configuration listens to and the types of the
-- fields its conditions test (both fixed when it is saved).
alter table auto_invite_config add column module text not null default 'Contacts';
alter table auto_invite_config alter column module drop default;
alter table auto_invite_config add column field_types jsonb not null default '{}';

-- Which records of a portal are already users or have an invitation in flight, from portal.user-events,
-- portal.invitation-events and our own invite requests: a record in here is not requested again.
create table record_state (
    org_id     text        not null,
    portal_id  uuid        not null,
    record_id  text        not null,
    state      text        not null, -- REQUESTED, INVITED, USER
    updated_at timestamptz not null,
    primary key (org_id, record_id, portal_id)
);

-- Failed auto-invites: one row per (record, configuration, reason), counting attempts.
create table auto_invite_failure (
    id              uuid primary key,
    org_id          text        not null,
    portal_id       uuid        not null,
    config_id       uuid        not null,
    record_id       text        not null,
    reason          text        not null,
    name            text,
    email           text,
    message         text,
    attempts        int         not null,
    first_failed_at timestamptz not null,
    last_failed_at  timestamptz not null,
    unique (org_id, portal_id, record_id, config_id, reason)
);
-- the failure list: a portal's rows newest first, optionally of one configuration or reason
create index auto_invite_failure_list_idx on auto_invite_failure (org_id, portal_id, last_failed_at desc, id);
create index auto_invite_failure_config_idx on auto_invite_failure (org_id, portal_id, config_id, last_failed_at desc);
