-- The audit trail: an append-only, hash-chained log of events (DESIGN.md §8, docs/adr/0003).
-- Portable between PostgreSQL and H2 (PostgreSQL mode); the triggers that make it append-only
-- live in db/postgresql and db/h2 because each database writes them differently.

CREATE TABLE audit_event (
    seq         BIGINT                   NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200)             NOT NULL,
    actor_role  VARCHAR(50)              NOT NULL,
    action      VARCHAR(100)             NOT NULL,
    case_id     VARCHAR(100),
    -- JSON text exactly as hashed; unbounded VARCHAR keeps it a plain string in both databases
    details     VARCHAR                  NOT NULL,
    prev_hash   VARCHAR(64)              NOT NULL,
    hash        VARCHAR(64)              NOT NULL,
    CONSTRAINT audit_event_pk PRIMARY KEY (seq),
    CONSTRAINT audit_event_seq_positive CHECK (seq > 0)
);

CREATE INDEX audit_event_case_idx ON audit_event (case_id, seq);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, seq);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);

-- One row holding the end of the chain. Appends lock it (SELECT ... FOR UPDATE), which
-- serialises them across threads and replicas and makes the sequence gap-free.
CREATE TABLE audit_chain_head (
    id        INTEGER     NOT NULL,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL,
    CONSTRAINT audit_chain_head_pk PRIMARY KEY (id),
    CONSTRAINT audit_chain_head_single_row CHECK (id = 1)
);

INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
