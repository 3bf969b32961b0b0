-- What the invite path needs on top of the ledger: the dispatch that caused each invitation (one invitation per
-- dispatch, ever), the record's name, delivery attempts and their schedule, and per-portal template overrides.
alter table invitation add column dispatch_id      uuid;
alter table invitation add column user_type_id     text;
alter table invitation add column name             text;
alter table invitation add column portal_url       text;
alter table invitation add column attempts         int  not null default 0;
alter table invitation add column next_attempt_at  timestamptz;
alter table invitation add column sending_since    timestamptz;
alter table invitation add column last_error       text;
alter table invitation add column failed_at        timestamptz;
alter table invitation add column expired_at       timestamptz;

create unique index invitation_dispatch_uq on invitation (dispatch_id);
-- the delivery worker's queue: pending invitations whose next attempt is due
create index invitation_pending_idx on invitation (next_attempt_at) where status = 'PENDING';
-- the expiry scheduler: sent invitations by expiry
create index invitation_expiry_idx on invitation (expires_at) where status = 'SENT';
-- revocation on reinvite, remove and deactivate: a user's open invitations
create index invitation_user_idx on invitation (user_id) where status in ('PENDING', 'SENT');

create table invitation_template (
    org_id     text        not null,
    portal_id  uuid        not null,
    language   text        not null,
    subject    text        not null,
    html       text        not null,
    text       text        not null,
    updated_at timestamptz not null,
    primary key (org_id, portal_id, language)
);
