-- The users list on a large portal (DESIGN §8: a million users, a page in ≤ 25 ms): one index per sort order over
-- the listed users (the predicate the list query repeats), so a page is read in order and stops after its rows
-- instead of sorting the portal. Descending pages scan them backwards.
create index portal_user_listed_name_idx on portal_user (portal_id, lower(name), id)
    where removed_at is null and (invited_at is not null or confirmed);
create index portal_user_listed_email_idx on portal_user (portal_id, email_normalized, id)
    where removed_at is null and (invited_at is not null or confirmed);
create index portal_user_listed_invited_idx on portal_user (portal_id, invited_at, id)
    where removed_at is null and (invited_at is not null or confirmed);
create index portal_user_listed_created_idx on portal_user (portal_id, created_at, id)
    where removed_at is null and (invited_at is not null or confirmed);
