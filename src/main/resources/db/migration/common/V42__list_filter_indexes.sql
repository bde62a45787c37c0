-- ${drop_index_on_contract}: what DROP INDEX needs after the index name (MariaDB names the table).
-- The list pages' filters and sorts at a million contracts (bench/generate.sh, bench/list.sh; EXPLAIN ANALYZE on
-- PostgreSQL 15, 1,000,000 contracts, 100,000 customers):
-- * an end-date range under the default sort (newest first) walked updated_at backwards and read each row to test
--   its end date (1.1 s: contracts ending in a quarter were last changed months before the newest); with the end
--   date in the index the walk tests it in the index (58 ms). It supersedes ix_contract_updated.
CREATE INDEX ix_contract_updated_end ON contract (updated_at, end_date);
DROP INDEX ix_contract_updated${drop_index_on_contract};
-- * sorting by amount read the whole table (2.1 s), and by an index of the amount alone still sorted the
--   400,000 contracts without an amount (NDAs, information sharing) by id, which come first in a descending sort
--   on PostgreSQL (4.8 s): with the id in the index in the list's own order (amount descending, id ascending) the
--   first page is the index's first 20 entries (1.3 ms), and read backwards an ascending sort's (5 ms).
CREATE INDEX ix_contract_amount ON contract (amount_value DESC, id);
-- * type and status with the amount sort: the same within the pair (1.8 s → 2-7 ms)
CREATE INDEX ix_contract_type_status_amount ON contract (type, status, amount_value DESC, id);
-- * the customer list, newest first, for everyone (0.7 s: the whole table sorted) and for one owner's scope
CREATE INDEX ix_customer_updated ON customer (updated_at);
CREATE INDEX ix_customer_owner_updated ON customer (owner, updated_at);
