-- Accepted review warnings (module io.qiyue.review): one row per contract, rule and JSON pointer.
-- fingerprint is the SHA-256 of the JSON value at the path when it was accepted: a save that changes
-- that value removes the acceptance.
CREATE TABLE review_acceptance (
    contract_id      VARCHAR(36)   NOT NULL,
    rule_id          VARCHAR(16)   NOT NULL,
    path             VARCHAR(300)  NOT NULL,
    fingerprint      CHAR(64)      NOT NULL,
    contract_version INTEGER       NOT NULL,
    reason           VARCHAR(1000) NOT NULL,
    accepted_by      VARCHAR(64)   NOT NULL,
    accepted_at      ${timestamp}  NOT NULL,
    CONSTRAINT pk_review_acceptance PRIMARY KEY (contract_id, rule_id, path),
    CONSTRAINT fk_review_acceptance_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);

-- Portfolio re-reviews: one row per run; the contracts whose findings changed, with what they gained
-- and lost (rule id and path, JSON).
CREATE TABLE review_portfolio_job (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    status          VARCHAR(16)   NOT NULL,
    ruleset_version VARCHAR(32)   NOT NULL,
    total           INTEGER       NOT NULL,
    done            INTEGER       NOT NULL,
    changed         INTEGER       NOT NULL,
    last_id         VARCHAR(36),
    error           VARCHAR(1000),
    started_by      VARCHAR(64)   NOT NULL,
    started_at      ${timestamp}  NOT NULL,
    finished_at     ${timestamp}
);

CREATE TABLE review_portfolio_change (
    job_id      VARCHAR(36)  NOT NULL,
    contract_id VARCHAR(36)  NOT NULL,
    contract_no VARCHAR(32)  NOT NULL,
    gained      ${text}      NOT NULL,
    lost        ${text}      NOT NULL,
    CONSTRAINT pk_review_portfolio_change PRIMARY KEY (job_id, contract_id),
    CONSTRAINT fk_review_portfolio_change_job FOREIGN KEY (job_id) REFERENCES review_portfolio_job (id)
);
