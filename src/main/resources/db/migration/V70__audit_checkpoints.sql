-- Signed checkpoints of the audit chain head (docs/compliance.md). Each row says: at signed_at
-- the chain ended at chain_seq with chain_hash, and the service's Ed25519 key key_id signed it.
-- Append-only like the trail itself (db/postgresql and db/h2 V70_1).

CREATE TABLE audit_checkpoint (
    checkpoint_no BIGINT                   NOT NULL,
    chain_seq     BIGINT                   NOT NULL,
    chain_hash    VARCHAR(64)              NOT NULL,
    signed_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    key_id        VARCHAR(64)              NOT NULL,
    -- base64 of the 64-byte Ed25519 signature
    signature     VARCHAR(200)             NOT NULL,
    -- 'scheduled' or 'on-demand'; not signed, for the reader
    origin        VARCHAR(20)              NOT NULL,
    requested_by  VARCHAR(200),
    CONSTRAINT audit_checkpoint_pk PRIMARY KEY (checkpoint_no),
    CONSTRAINT audit_checkpoint_no_positive CHECK (checkpoint_no > 0),
    CONSTRAINT audit_checkpoint_seq_not_negative CHECK (chain_seq >= 0)
);

CREATE INDEX audit_checkpoint_seq_idx ON audit_checkpoint (chain_seq, checkpoint_no);

-- the explorer filters by action; (action, seq) keeps that filter a keyset range scan
CREATE INDEX audit_event_action_idx ON audit_event (action, seq);

-- The time of the last entry, so that a new entry is never stamped earlier than the one before
-- it (replicas' clocks differ): time then never decreases along the chain, and a time window is
-- one contiguous run of seqs, which the explorer finds through the time index.
ALTER TABLE audit_chain_head ADD COLUMN last_time TIMESTAMP(6) WITH TIME ZONE;
