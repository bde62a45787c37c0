-- Supervision and evaluation by the customer (io.qiyue.obligation, 监督和评价): links that need no account (only
-- the SHA-256 of a token is kept), the customer's evaluations, concern cases, and each contract's interval of
-- periodic evaluations. Owner, customer and type are copied from the contract (and kept current) so that the
-- averages and the cases list filter by data scope without reading another module's tables.

CREATE TABLE evaluation_schedule (
    contract_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    interval_days   INT          NOT NULL,
    next_on         DATE,
    updated_at      ${timestamp} NOT NULL,
    updated_by      VARCHAR(64)  NOT NULL,
    version         INT          NOT NULL
);
CREATE INDEX ix_evaluation_schedule_next ON evaluation_schedule (next_on);

CREATE TABLE evaluation_link (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_id     VARCHAR(36)  NOT NULL,
    purpose         VARCHAR(24)  NOT NULL,
    obligation_id   VARCHAR(36),
    token_hash      VARCHAR(64)  NOT NULL,
    contact_id      VARCHAR(36),
    contact_name    VARCHAR(100),
    contact_email   VARCHAR(200),
    created_at      ${timestamp} NOT NULL,
    created_by      VARCHAR(64)  NOT NULL,
    expires_at      ${timestamp} NOT NULL,
    used_at         ${timestamp},
    revoked_at      ${timestamp},
    revoked_by      VARCHAR(64),
    reminded_at     ${timestamp},
    CONSTRAINT uq_evaluation_link_token UNIQUE (token_hash)
);
CREATE INDEX ix_evaluation_link_contract ON evaluation_link (contract_id, created_at);
CREATE INDEX ix_evaluation_link_open ON evaluation_link (purpose, used_at, expires_at);

CREATE TABLE evaluation (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_id       VARCHAR(36)  NOT NULL,
    contract_number   VARCHAR(40)  NOT NULL,
    contract_type     VARCHAR(24)  NOT NULL,
    contract_owner    VARCHAR(64)  NOT NULL,
    customer_id       VARCHAR(36)  NOT NULL,
    link_id           VARCHAR(36)  NOT NULL,
    purpose           VARCHAR(24)  NOT NULL,
    obligation_id     VARCHAR(36),
    obligation_title  VARCHAR(500),
    confirmed         BOOLEAN,
    rating            INT          NOT NULL,
    service_quality   INT,
    confidentiality   INT,
    sharing_as_agreed INT,
    rating_comment    VARCHAR(2000),
    contact_name      VARCHAR(100),
    submitted_at      ${timestamp} NOT NULL,
    CONSTRAINT uq_evaluation_link UNIQUE (link_id)
);
CREATE INDEX ix_evaluation_contract ON evaluation (contract_id, submitted_at);
CREATE INDEX ix_evaluation_owner ON evaluation (contract_owner);
CREATE INDEX ix_evaluation_customer ON evaluation (customer_id);

CREATE TABLE concern_case (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    contract_id     VARCHAR(36)   NOT NULL,
    contract_number VARCHAR(40)   NOT NULL,
    contract_title  VARCHAR(200)  NOT NULL,
    contract_type   VARCHAR(24)   NOT NULL,
    contract_owner  VARCHAR(64)   NOT NULL,
    customer_id     VARCHAR(36)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    link_id         VARCHAR(36),
    evaluation_id   VARCHAR(36),
    obligation_id   VARCHAR(36),
    category        VARCHAR(32)   NOT NULL,
    description     VARCHAR(4000) NOT NULL,
    reported_by     VARCHAR(100)  NOT NULL,
    owner           VARCHAR(64)   NOT NULL,
    deadline        DATE          NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    resolution      VARCHAR(4000),
    created_at      ${timestamp}  NOT NULL,
    updated_at      ${timestamp}  NOT NULL,
    updated_by      VARCHAR(64)   NOT NULL,
    closed_at       ${timestamp},
    version         INT           NOT NULL
);
CREATE INDEX ix_concern_case_contract ON concern_case (contract_id, created_at);
CREATE INDEX ix_concern_case_status ON concern_case (status, deadline);
CREATE INDEX ix_concern_case_owner ON concern_case (owner, status);
CREATE INDEX ix_concern_case_contract_owner ON concern_case (contract_owner, status);
