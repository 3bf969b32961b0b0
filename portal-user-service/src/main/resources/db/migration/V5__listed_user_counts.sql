-- The users list's counts (the filter chips, and a filtered list's total) without counting a portal's users on
-- every request. Every statement that changes portal_user adds its net change per (portal, user type) here, as
-- new rows (deltas): inserts never wait on each other, so no portal's counter becomes a hot row that serialises
-- its writers. A count is the sum of a key's rows; ListedUserCounts folds each key's rows into one every few
-- seconds, in one statement (the sum never changes while it does).
-- The trigger functions keep the search path of this migration (the service's schema), so a write from any session
-- (an operator's psql, a COPY naming the schema) counts too.
-- "listed" is the list's own predicate: removed_at is null and (invited_at is not null or confirmed).
create table listed_user_count (
    portal_id    uuid   not null,
    user_type_id uuid   not null,
    org_id       text   not null,
    listed       bigint not null,
    active       bigint not null, -- listed and active
    confirmed    bigint not null, -- listed, active and confirmed (unconfirmed = active - confirmed)
    deactivated  bigint not null  -- listed and not active
);
create index listed_user_count_key_idx on listed_user_count (portal_id, user_type_id);

create function listed_user_count_after_insert() returns trigger language plpgsql
    set search_path from current as $$
begin
    insert into listed_user_count
    select n.portal_id, n.user_type_id, min(n.org_id), count(*), count(*) filter (where n.active),
           count(*) filter (where n.active and n.confirmed), count(*) filter (where not n.active)
    from new_rows n
    where n.removed_at is null and (n.invited_at is not null or n.confirmed)
    group by n.portal_id, n.user_type_id;
    return null;
end $$;

create function listed_user_count_after_delete() returns trigger language plpgsql
    set search_path from current as $$
begin
    insert into listed_user_count
    select o.portal_id, o.user_type_id, min(o.org_id), -count(*), -count(*) filter (where o.active),
           -count(*) filter (where o.active and o.confirmed), -count(*) filter (where not o.active)
    from old_rows o
    where o.removed_at is null and (o.invited_at is not null or o.confirmed)
    group by o.portal_id, o.user_type_id;
    return null;
end $$;

create function listed_user_count_after_update() returns trigger language plpgsql
    set search_path from current as $$
begin
    insert into listed_user_count
    select * from (
        select portal_id, user_type_id, min(org_id) as org_id, sum(sign) as listed,
               sum(sign * active::int) as active, sum(sign * (active and confirmed)::int) as confirmed,
               sum(sign * (not active)::int) as deactivated
        from (select 1 as sign, n.portal_id, n.user_type_id, n.org_id, n.active, n.confirmed
              from new_rows n where n.removed_at is null and (n.invited_at is not null or n.confirmed)
              union all
              select -1, o.portal_id, o.user_type_id, o.org_id, o.active, o.confirmed
              from old_rows o where o.removed_at is null and (o.invited_at is not null or o.confirmed)) change
        group by portal_id, user_type_id) delta
    -- an update that moved nobody in or out of a count (a name, an e-mail, a status text) adds nothing
    where (listed, active, confirmed, deactivated) <> (0, 0, 0, 0);
    return null;
end $$;

create trigger portal_user_counts_insert after insert on portal_user
    referencing new table as new_rows for each statement execute function listed_user_count_after_insert();
create trigger portal_user_counts_delete after delete on portal_user
    referencing old table as old_rows for each statement execute function listed_user_count_after_delete();
create trigger portal_user_counts_update after update on portal_user
    referencing old table as old_rows new table as new_rows
    for each statement execute function listed_user_count_after_update();

-- what is already there
insert into listed_user_count
select portal_id, user_type_id, min(org_id), count(*), count(*) filter (where active),
       count(*) filter (where active and confirmed), count(*) filter (where not active)
from portal_user
where removed_at is null and (invited_at is not null or confirmed)
group by portal_id, user_type_id;
