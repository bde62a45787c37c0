-- The lifecycle after approval: renewal links both ways, an early termination (possibly dated ahead),
-- the day the renewal notice is due (fixed when the contract is signed) and the end date it was given for.
ALTER TABLE contract ADD COLUMN predecessor_id VARCHAR(36);
ALTER TABLE contract ADD COLUMN successor_id VARCHAR(36);
ALTER TABLE contract ADD COLUMN termination_date DATE;
ALTER TABLE contract ADD COLUMN termination_reason VARCHAR(1000);
ALTER TABLE contract ADD COLUMN renewal_notice_on DATE;
ALTER TABLE contract ADD COLUMN expiry_notice_for DATE;

-- The daily calendar's scans: each reads one status by one date range.
CREATE INDEX ix_contract_status_start ON contract (status, start_date);
CREATE INDEX ix_contract_status_end ON contract (status, end_date);
CREATE INDEX ix_contract_status_notice ON contract (status, renewal_notice_on);
CREATE INDEX ix_contract_termination ON contract (termination_date);
