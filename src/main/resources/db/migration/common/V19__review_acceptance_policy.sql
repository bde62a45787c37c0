-- Who may accept the warnings of a rule (module io.qiyue.review), where an admin chose otherwise than
-- the ruleset's "acceptedBy" default: OWNER, MANAGER_OR_LEGAL or LEGAL. version counts the changes (ETag).
CREATE TABLE review_acceptance_policy (
    rule_id     VARCHAR(16)  NOT NULL PRIMARY KEY,
    accepted_by VARCHAR(20)  NOT NULL,
    version     INTEGER      NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    updated_at  ${timestamp} NOT NULL
);
