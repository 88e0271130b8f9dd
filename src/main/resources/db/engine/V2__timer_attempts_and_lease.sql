-- A timer that fails to fire is retried later with back-off (attempts counts the failures) instead of
-- holding up every timer due after it.
ALTER TABLE engine_timer ADD COLUMN attempts INT DEFAULT 0 NOT NULL;

-- The engine's lease on H2: the running engine keeps this row locked in an open transaction, so a
-- second engine on the same database cannot lock it and refuses to start. PostgreSQL uses an advisory
-- lock instead (no long transaction there, it would hold back vacuum); the row is unused there.
CREATE TABLE engine_lease (
    lease_id     INT PRIMARY KEY,
    holder       VARCHAR(255),
    acquired_at  BIGINT
);
INSERT INTO engine_lease (lease_id, holder, acquired_at) VALUES (1, NULL, NULL);
