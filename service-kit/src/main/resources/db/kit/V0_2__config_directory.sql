-- The configuration a service keeps from portal.config-events (ConfigDirectory): the latest snapshot of each
-- org, portal, user type and module. A deleted portal or user type stays as a tombstone (deleted = true).
create table config_snapshot (
    org_id     text        not null,
    kind       text        not null,
    id         text        not null,
    portal_id  text,
    payload    jsonb       not null,
    deleted    boolean     not null default false,
    updated_at timestamptz not null,
    primary key (org_id, kind, id)
);
create index config_snapshot_portal_idx on config_snapshot (org_id, portal_id) where kind = 'user_type';
