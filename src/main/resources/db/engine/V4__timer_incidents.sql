-- A timer that failed its configured number of tries stops (due_at parked at the largest BIGINT) and raises an
-- incident that names it; resolving the incident makes the timer due again. Job and element incidents leave it NULL.
ALTER TABLE engine_incident ADD COLUMN timer_key BIGINT;
