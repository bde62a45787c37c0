-- The dashboard's obligation figures (ObligationStore.counts: COUNT(*) GROUP BY kind, status) read from indexes
-- alone instead of the obligation table. Over 1.1 million obligations on PostgreSQL (bench/dashboard.sh) the whole
-- scope went from a parallel sequential scan of the table (≈565 ms) to a parallel index-only scan (≈210-270 ms), and
-- a team's ten owners from a bitmap heap scan of ≈221,000 rows over every page (≈545 ms) to an index-only scan
-- (≈50 ms): the existing (contract_owner, status, due_date) index finds the rows but has no kind.
CREATE INDEX ix_obligation_kind_status ON obligation (kind, status);
CREATE INDEX ix_obligation_owner_kind_status ON obligation (contract_owner, kind, status);
