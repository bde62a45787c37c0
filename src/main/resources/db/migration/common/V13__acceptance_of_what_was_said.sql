-- An acceptance covers the finding as it was when accepted: its message and arguments ("33.33% of the
-- amount"), not just its rule and path. A change elsewhere that changes the finding (the amount, for
-- QY-V001's percentage) opens it again. Comma-separated short hashes, one per accepted finding; null for
-- acceptances made before (they cover whatever the rule says at the path).
ALTER TABLE review_finding_acceptance ADD COLUMN accepted_findings VARCHAR(2000);
