-- A contract leaving signing marks the requests to sign it read: found by the contract and the kind.
CREATE INDEX ix_notification_contract ON notification (contract_id, kind);
