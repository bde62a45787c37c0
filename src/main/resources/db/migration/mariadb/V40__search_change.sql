-- The search index's change log: one row per change of a contract or customer, written in the change's own
-- transaction; every instance tails it by seq to keep its own index current (io.qiyue.search.SearchChangeLog).
CREATE TABLE search_change (
    seq         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    entity_kind VARCHAR(16)  NOT NULL,
    entity_id   VARCHAR(36)  NOT NULL,
    changed_at  DATETIME(6)  NOT NULL
);
CREATE INDEX ix_search_change_changed_at ON search_change (changed_at);
