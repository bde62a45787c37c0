-- The list filter q matches parts of titles and numbers (LIKE '%…%'). Trigram indexes let
-- PostgreSQL answer that without reading the whole table; pg_trgm handles Chinese text and is a
-- trusted extension (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ix_contract_title_trgm ON contract USING gin (LOWER(title) gin_trgm_ops);
CREATE INDEX ix_contract_no_trgm ON contract USING gin (contract_no gin_trgm_ops);
