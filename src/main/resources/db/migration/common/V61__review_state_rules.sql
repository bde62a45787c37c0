-- The review module's read model also says under which rules each last review ran: the ruleset version (compared
-- with the one the application carries) and whether it ran with the review settings now in force. A contract still
-- being made whose review ran under other rules is listed as outdated, as its page already said.
DROP VIEW contract_review_state;
CREATE VIEW contract_review_state AS
SELECT cr.contract_id, cr.contract_version AS reviewed_version,
       CASE WHEN cr.blockers > 0 THEN 'BLOCKED' WHEN cr.open_warnings > 0 THEN 'WARNINGS' ELSE 'CLEAN' END AS review_state,
       cr.ruleset_version,
       CASE WHEN cr.settings_revision = s.revision THEN 1 ELSE 0 END AS current_settings
FROM contract_review cr CROSS JOIN review_settings_revision s
WHERE s.id = 1;
