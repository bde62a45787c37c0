-- The customer list's q and the contract list's q (customers whose name contains it) match parts of names
-- (LIKE '%…%'): a trigram index, as V4_2 gave contract titles, instead of reading 100,000 customers (123 ms).
-- pg_trgm forms no trigram from a query of fewer than three characters: two-character Chinese words still read
-- the table, which is what the full-text search is for.
CREATE INDEX ix_customer_name_trgm ON customer USING gin (LOWER(name) gin_trgm_ops);
