-- The audit trail becomes a hash chain: every entry carries its place (seq), the hash of the entry
-- before it and its own hash over a canonical form of its content (io.qiyue.audit.EntryHasher).
-- Entries written before this migration are numbered and hashed by the Java migration 26.1
-- (io.qiyue.audit.ChainBackfill), which runs right after this file.
ALTER TABLE audit_event ADD seq BIGINT;
ALTER TABLE audit_event ADD ip VARCHAR(45);
ALTER TABLE audit_event ADD user_agent VARCHAR(512);
ALTER TABLE audit_event ADD prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD entry_hash VARCHAR(64);
-- one entry per place: a second writer that somehow got the same seq fails instead of forking the chain
CREATE UNIQUE INDEX ux_audit_seq ON audit_event (seq);

-- The chain's head: one row, locked by every writer for the instant between reading the last entry and
-- inserting the next, so that concurrent transactions (on any number of instances) append one after another.
CREATE TABLE audit_chain_head (
    id         INT         NOT NULL PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
