-- A job's items settle one by one as invitation outcomes arrive:
--   update job_item ... where job_id = ? and user_id = ? and outcome = 'PENDING' and gated
-- which job_item_user_idx (job_id, user_id) answers in one index entry. But statistics taken while no item was
-- PENDING (every earlier job settled: the usual case) put outcome = 'PENDING' at one row, and the cached generic plan
-- then walked job_item_outcome_idx (job_id, outcome, item_no) instead, reading every PENDING item of the job for each
-- settlement: 437 pages per settlement, 12.6 s of PostgreSQL's time in a 10,000-record bulk invite (measured with
-- pg_stat_statements). Listing a job's items by outcome is for settled ones (FAILED, mostly); the index now holds
-- only those, so no plan can take it for a PENDING item, and items no longer enter it twice (inserted, then settled).
-- Items still PENDING are listed through the primary key (job_id, item_no), in the order the list wants anyway.
drop index job_item_outcome_idx;
create index job_item_outcome_idx on job_item (job_id, outcome, item_no) where outcome <> 'PENDING';
