-- The back-off look-ups (which job types a retry back-off released, when the next one ends) read the jobs whose
-- activation was deferred. The V3 index held every activatable job, so with 10,000 instances in flight each
-- sweep read thousands of new jobs' entries (9,000 rows read per job, against 27 with 200 in flight). A new job
-- is activatable from its creation (activatable_at = created_at) and is announced when it is created; only a
-- deferred one (a failed job's back-off, a job given back by its deadline) belongs here.
DROP INDEX engine_job_backoff_idx;
CREATE INDEX engine_job_backoff_idx ON engine_job (activatable_at) WHERE state = 'ACTIVATABLE' AND activatable_at > created_at;
