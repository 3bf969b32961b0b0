-- Every replica keeps the enabled configurations of each org in memory between batches of record changes; a change to
-- a configuration, by any replica or any statement, tells them all to read that org's again (LISTEN/NOTIFY; the
-- notification is sent at commit, and only if the transaction commits).
create function auto_invite_config_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('portico_auto_invite_config', coalesce(new.org_id, old.org_id));
    return null;
end
$$;

create trigger auto_invite_config_changed after insert or update or delete on auto_invite_config
    for each row execute function auto_invite_config_changed();
