-- The customer a share link was made for: when the draft moves to another customer, the links made for the first
-- one are revoked (they would show the new customer's particulars to the old customer's people).
ALTER TABLE share_link ADD COLUMN customer_id VARCHAR(36);
UPDATE share_link SET customer_id = (SELECT c.customer_id FROM contract c WHERE c.id = share_link.contract_id);
