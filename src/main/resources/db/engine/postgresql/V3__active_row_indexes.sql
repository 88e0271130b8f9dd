-- PostgreSQL only (H2 has no partial indexes): the hot indexes hold only the rows a scan can want, so the
-- cost of a job does not grow with the finished work or the backlog beside it.
-- Activation takes the oldest activatable jobs of a type: walk (job_type, job_key) over activatable rows only.
DROP INDEX engine_job_activation_idx;
CREATE INDEX engine_job_activatable_idx ON engine_job (job_type, job_key) WHERE state = 'ACTIVATABLE';
-- The job sweep's "back-off ends" look-up, over the few jobs that wait for a retry.
CREATE INDEX engine_job_backoff_idx ON engine_job (activatable_at) WHERE state = 'ACTIVATABLE';
-- Deadlines matter only for activated jobs (the old (state, deadline) index also held every activatable one).
DROP INDEX engine_job_deadline_idx;
CREATE INDEX engine_job_deadline_idx ON engine_job (deadline) WHERE state = 'ACTIVATED';
-- Completed and cancelled instances stay in the table for the record, but out of the index of running ones.
DROP INDEX engine_process_instance_state_idx;
CREATE INDEX engine_process_instance_active_idx ON engine_process_instance (started_at, instance_key) WHERE state = 'ACTIVE';
-- Jobs and waiting tokens are inserted and deleted at the rate of the work: vacuum them after a fixed number
-- of dead rows rather than a fraction of the table, so that dead rows do not pile up in the scans.
ALTER TABLE engine_job SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
ALTER TABLE engine_element_instance SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
