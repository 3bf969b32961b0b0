-- Auto-invite configurations of a portal (rules and conditions as validated JSON).
create table auto_invite_config (
    id               uuid primary key,
    org_id           text        not null,
    portal_id        uuid        not null,
    user_type_id     uuid        not null,
    name             text        not null,
    enabled          boolean     not null,
    triggers         text[]      not null,
    common_condition jsonb,
    language_mode    text        not null,
    rules            jsonb       not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index auto_invite_config_portal_idx on auto_invite_config (org_id, portal_id, created_at);
-- evaluation looks up the enabled configurations of an org on every record change
create index auto_invite_config_enabled_idx on auto_invite_config (org_id) where enabled;
