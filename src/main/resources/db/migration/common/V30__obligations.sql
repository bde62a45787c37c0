-- Performance monitoring (io.qiyue.obligation): what a signed contract obliges either side to do, generated once
-- per contract from its terms (obligation_plan is the "once"), each with its status and the evidence that it was
-- done. owner and customer are copied from the contract (and kept current) so that scans, reminders and
-- dashboards filter without reading another module's tables.

CREATE TABLE obligation_plan (
    contract_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    obligations     INT          NOT NULL,
    generated_at    ${timestamp} NOT NULL,
    generated_by    VARCHAR(64)  NOT NULL
);

CREATE TABLE obligation (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    contract_id     VARCHAR(36)   NOT NULL,
    seq             INT           NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    side            VARCHAR(16)   NOT NULL,
    responsible     VARCHAR(64),
    contract_owner  VARCHAR(64)   NOT NULL,
    customer_id     VARCHAR(36)   NOT NULL,
    title           VARCHAR(500)  NOT NULL,
    description     VARCHAR(4000),
    starts_on       DATE,
    due_date        DATE,
    due_trigger     VARCHAR(200),
    amount_value    DECIMAL(18, 2),
    amount_currency CHAR(3),
    status          VARCHAR(16)   NOT NULL,
    status_reason   VARCHAR(1000),
    completed_on    DATE,
    completed_at    ${timestamp},
    completed_by    VARCHAR(64),
    note            VARCHAR(4000),
    created_at      ${timestamp}  NOT NULL,
    updated_at      ${timestamp}  NOT NULL,
    version         INT           NOT NULL,
    CONSTRAINT uq_obligation_seq UNIQUE (contract_id, seq)
);
CREATE INDEX ix_obligation_status_due ON obligation (status, due_date);
CREATE INDEX ix_obligation_owner_status ON obligation (contract_owner, status, due_date);
CREATE INDEX ix_obligation_responsible ON obligation (responsible, status, due_date);
CREATE INDEX ix_obligation_customer ON obligation (customer_id, status);

CREATE TABLE obligation_evidence (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    obligation_id        VARCHAR(36)  NOT NULL,
    contract_id          VARCHAR(36)  NOT NULL,
    file_name            VARCHAR(255) NOT NULL,
    content_type         VARCHAR(100) NOT NULL,
    size_bytes           BIGINT       NOT NULL,
    sha256               VARCHAR(64)  NOT NULL,
    content              ${blob}      NOT NULL,
    shared_with_customer BOOLEAN      NOT NULL,
    uploaded_at          ${timestamp} NOT NULL,
    uploaded_by          VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_obligation_evidence ON obligation_evidence (obligation_id);
CREATE INDEX ix_obligation_evidence_contract ON obligation_evidence (contract_id);
