-- The last review of each uploaded counterparty document (module io.qiyue.review), one row per contract
-- and EXTERNAL version. Kept apart from contract_review, the contract's own last review that the panel
-- shows and submission is gated by: the paper's findings are advice and never replace or block it.
-- contract_version is the version of the contract whose record the text was checked against.
CREATE TABLE contract_document_review (
    contract_id      VARCHAR(36)  NOT NULL,
    doc_version      INTEGER      NOT NULL,
    file_name        VARCHAR(255),
    sha256           CHAR(64)     NOT NULL,
    contract_version INTEGER      NOT NULL,
    ruleset_version  VARCHAR(32)  NOT NULL,
    settings_revision INTEGER,
    findings         ${text}      NOT NULL,
    errors           ${text}      NOT NULL,
    blockers         INTEGER      NOT NULL,
    warnings         INTEGER      NOT NULL,
    infos            INTEGER      NOT NULL,
    reviewed_at      ${timestamp} NOT NULL,
    reviewed_by      VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_contract_document_review PRIMARY KEY (contract_id, doc_version),
    CONSTRAINT fk_contract_document_review_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
