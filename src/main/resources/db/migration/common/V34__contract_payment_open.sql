-- The obligation module's published read model for the contract list's "not fully paid" filter: the contracts
-- with a payment instalment still open. The contract module reads this view only, never the obligation table,
-- so the module that owns the data decides what "not fully paid" means.
CREATE VIEW contract_payment_open AS
SELECT DISTINCT contract_id FROM obligation WHERE kind = 'PAYMENT' AND status IN ('PENDING', 'OVERDUE');

CREATE INDEX ix_obligation_contract_kind_status ON obligation (contract_id, kind, status);
