-- Automatic renewal (自动续期): a contract with auto_renew whose term ends without either party's notice of
-- non-renewal goes on for another year. auto_renewals counts the years it went on; non_renewal_for is the end date
-- for which a notice of non-renewal was recorded (the term then ends there).
ALTER TABLE contract ADD COLUMN auto_renewals INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE contract ADD COLUMN non_renewal_for DATE;
ALTER TABLE contract ADD COLUMN non_renewal_at ${timestamp};
ALTER TABLE contract ADD COLUMN non_renewal_by VARCHAR(64);
ALTER TABLE contract ADD COLUMN non_renewal_reason VARCHAR(500);
