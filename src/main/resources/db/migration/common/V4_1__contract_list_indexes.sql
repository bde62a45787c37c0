-- ${drop_index_on_contract}: what DROP INDEX needs after the index name (MariaDB names the table).
-- Indexes for the common list filters: type and status with the default sort (newest first),
-- and type with the end date (expiry views). They supersede ix_contract_type_status.
CREATE INDEX ix_contract_type_status_updated ON contract (type, status, updated_at);
CREATE INDEX ix_contract_type_end_date ON contract (type, end_date);
DROP INDEX ix_contract_type_status${drop_index_on_contract};
