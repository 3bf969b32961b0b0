-- V3's notifications also for a configuration moved to another org (both orgs hear of it) and for a TRUNCATE (every
-- org: payload '*').
create or replace function auto_invite_config_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('portico_auto_invite_config', '*');
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform pg_notify('portico_auto_invite_config', old.org_id);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform pg_notify('portico_auto_invite_config', new.org_id);
    end if;
    return null;
end
$$;

create trigger auto_invite_config_truncated after truncate on auto_invite_config
    for each statement execute function auto_invite_config_changed();
