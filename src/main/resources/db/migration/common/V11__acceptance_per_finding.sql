-- A warning is accepted finding by finding: two findings of one rule in one clause (two vague time
-- words, say) are accepted separately. span_start is the start of the accepted words inside the text at
-- path; -1 accepts every finding of the rule at the path (a field finding has no span, and acceptances
-- made before this migration covered the whole path).
CREATE TABLE review_finding_acceptance (
    contract_id      VARCHAR(36)   NOT NULL,
    rule_id          VARCHAR(16)   NOT NULL,
    path             VARCHAR(300)  NOT NULL,
    span_start       INTEGER       NOT NULL,
    fingerprint      CHAR(64)      NOT NULL,
    contract_version INTEGER       NOT NULL,
    reason           VARCHAR(1000) NOT NULL,
    accepted_by      VARCHAR(64)   NOT NULL,
    accepted_at      ${timestamp}  NOT NULL,
    CONSTRAINT pk_review_finding_acceptance PRIMARY KEY (contract_id, rule_id, path, span_start),
    CONSTRAINT fk_review_finding_acceptance_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);

INSERT INTO review_finding_acceptance (contract_id, rule_id, path, span_start, fingerprint, contract_version, reason,
                                       accepted_by, accepted_at)
SELECT contract_id, rule_id, path, -1, fingerprint, contract_version, reason, accepted_by, accepted_at
FROM review_acceptance;

DROP TABLE review_acceptance;
