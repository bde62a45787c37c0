-- Changes of who may do what (a user's row, a revoked API token), written in the change's own transaction: every
-- instance reads the rows of the last minute every quarter second and drops what its access cache holds of them
-- (io.qiyue.security.AccessChangeRelay), so a change made through one instance counts on all within a second.
CREATE TABLE access_change (
    seq        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL,
    entity_id  VARCHAR(36)  NOT NULL,
    changed_at DATETIME(6)  NOT NULL
);
CREATE INDEX ix_access_change_changed_at ON access_change (changed_at);
