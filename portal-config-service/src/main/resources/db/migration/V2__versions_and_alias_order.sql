-- Optimistic locking: every aggregate carries a version that each update raises (ETag / If-Match).
alter table org        add column version bigint not null default 0;
alter table crm_module add column version bigint not null default 0;
alter table portal     add column version bigint not null default 0;
alter table user_type  add column version bigint not null default 0;

-- The order in which slugs became aliases, so the oldest alias is the first released when a portal has too many.
create sequence portal_slug_alias_seq;
alter table portal_slug add column alias_seq bigint;
update portal_slug s set alias_seq = o.n
from (select slug, row_number() over (order by created_at, slug) as n from portal_slug where not current) o
where s.slug = o.slug;
select setval('portal_slug_alias_seq', coalesce((select max(alias_seq) from portal_slug), 0) + 1, false);
create index portal_slug_alias_idx on portal_slug (portal_id, alias_seq) where not current;
