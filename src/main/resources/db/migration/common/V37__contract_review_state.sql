-- Where each contract stands with its last review, for the contract list's review column and filter and legal's
-- queue. open_warnings: the warnings of the last review that no acceptance covers, written with every review
-- (rows reviewed before this migration count every accepted warning once: the next save or review corrects them).
ALTER TABLE contract_review ADD COLUMN open_warnings INTEGER;
UPDATE contract_review SET open_warnings = CASE
    WHEN warnings - (SELECT COUNT(*) FROM review_finding_acceptance a WHERE a.contract_id = contract_review.contract_id) < 0
        THEN 0
    ELSE warnings - (SELECT COUNT(*) FROM review_finding_acceptance a WHERE a.contract_id = contract_review.contract_id)
END;

-- The review module's published read model: the contract module reads this view only, never contract_review, and
-- compares reviewed_version with the contract's own version to tell an outdated review.
CREATE VIEW contract_review_state AS
SELECT contract_id, contract_version AS reviewed_version,
       CASE WHEN blockers > 0 THEN 'BLOCKED' WHEN open_warnings > 0 THEN 'WARNINGS' ELSE 'CLEAN' END AS review_state
FROM contract_review;
