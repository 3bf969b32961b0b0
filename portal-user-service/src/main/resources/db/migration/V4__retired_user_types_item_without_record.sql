-- User types portal-config-service is deleting or has deleted: no user is admitted into them or moved into them
-- any more (see UserTypeRetirements).
create table retired_user_type (
    user_type_id uuid primary key,
    org_id       text        not null,
    portal_id    uuid        not null,
    retired_at   timestamptz not null
);

-- a bulk action's item for a user id that is not (or no longer) a user of the portal has no record: null, not ''
alter table job_item alter column record_id drop not null;
