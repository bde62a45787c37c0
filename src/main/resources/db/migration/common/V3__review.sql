-- The last review of each contract (module io.qiyue.review). Findings are stored before
-- localisation (message codes and arguments, JSON), so a stored review reads in any language.
CREATE TABLE contract_review (
    contract_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_version INTEGER      NOT NULL,
    ruleset_version  VARCHAR(32)  NOT NULL,
    findings         ${text}      NOT NULL,
    errors           ${text}      NOT NULL,
    blockers         INTEGER      NOT NULL,
    warnings         INTEGER      NOT NULL,
    infos            INTEGER      NOT NULL,
    reviewed_at      ${timestamp} NOT NULL,
    reviewed_by      VARCHAR(64)  NOT NULL,
    CONSTRAINT fk_contract_review_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
