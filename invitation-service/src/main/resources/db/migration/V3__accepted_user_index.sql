-- A reinvite is refused for a user who accepted already, and a removal that overtook an acceptance withdraws it:
-- both look up a user's accepted invitations
create index invitation_accepted_user_idx on invitation (user_id) where status = 'ACCEPTED';
