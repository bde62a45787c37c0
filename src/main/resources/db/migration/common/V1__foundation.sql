-- One schema for H2, PostgreSQL and MariaDB. Types that differ between them are Flyway
-- placeholders filled in by io.qiyue.shared.persistence.FlywayPlaceholders:
--   ${text}      unbounded text (CLOB / TEXT / LONGTEXT)
--   ${timestamp} UTC timestamp with microseconds (TIMESTAMP(6) / DATETIME(6))

CREATE TABLE team (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    manager_id  VARCHAR(36),
    version     INTEGER      NOT NULL,
    created_at  ${timestamp} NOT NULL,
    CONSTRAINT uq_team_name UNIQUE (name)
);

CREATE TABLE app_user (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    email         VARCHAR(254),
    password_hash VARCHAR(255) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    team_id       VARCHAR(36),
    enabled       BOOLEAN      NOT NULL,
    version       INTEGER      NOT NULL,
    created_at    ${timestamp} NOT NULL,
    CONSTRAINT uq_app_user_username UNIQUE (username),
    CONSTRAINT fk_app_user_team FOREIGN KEY (team_id) REFERENCES team (id)
);
CREATE INDEX ix_app_user_team ON app_user (team_id);

CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    created_at   ${timestamp} NOT NULL,
    expires_at   ${timestamp},
    last_used_at ${timestamp},
    revoked_at   ${timestamp},
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id)
);
CREATE INDEX ix_api_token_user ON api_token (user_id);

CREATE TABLE customer (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    kind                 VARCHAR(16)  NOT NULL,
    name                 VARCHAR(200) NOT NULL,
    credit_code          CHAR(18),
    id_number_cipher     VARCHAR(255),
    id_number_hash       CHAR(64),
    address              VARCHAR(300),
    legal_representative VARCHAR(100),
    industry             VARCHAR(100),
    customer_level       CHAR(1),
    status               VARCHAR(16)  NOT NULL,
    owner                VARCHAR(64)  NOT NULL,
    version              INTEGER      NOT NULL,
    created_at           ${timestamp} NOT NULL,
    updated_at           ${timestamp} NOT NULL,
    CONSTRAINT uq_customer_credit_code UNIQUE (credit_code),
    CONSTRAINT uq_customer_id_number UNIQUE (id_number_hash)
);
CREATE INDEX ix_customer_owner ON customer (owner);
CREATE INDEX ix_customer_name ON customer (name);

CREATE TABLE contact (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    customer_id   VARCHAR(36)  NOT NULL,
    sort_order    INTEGER      NOT NULL,
    name          VARCHAR(100) NOT NULL,
    title         VARCHAR(100),
    mobile_cipher VARCHAR(255),
    mobile_hash   CHAR(64),
    email         VARCHAR(254),
    is_primary    BOOLEAN      NOT NULL,
    CONSTRAINT fk_contact_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_customer ON contact (customer_id);

CREATE TABLE our_entity (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                 VARCHAR(200) NOT NULL,
    credit_code          CHAR(18)     NOT NULL,
    address              VARCHAR(300) NOT NULL,
    legal_representative VARCHAR(100),
    bank_name            VARCHAR(200),
    bank_account_cipher  VARCHAR(255),
    version              INTEGER      NOT NULL,
    created_at           ${timestamp} NOT NULL,
    updated_at           ${timestamp} NOT NULL,
    CONSTRAINT uq_our_entity_credit_code UNIQUE (credit_code)
);

CREATE TABLE contract (
    id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
    contract_no         VARCHAR(32)    NOT NULL,
    type                VARCHAR(20)    NOT NULL,
    title               VARCHAR(200)   NOT NULL,
    customer_id         VARCHAR(36)    NOT NULL,
    our_entity_id       VARCHAR(36)    NOT NULL,
    owner               VARCHAR(64)    NOT NULL,
    amount_value        DECIMAL(18, 2),
    amount_currency     CHAR(3),
    start_date          DATE,
    end_date            DATE,
    auto_renew          BOOLEAN        NOT NULL,
    renewal_notice_days INTEGER,
    status              VARCHAR(20)    NOT NULL,
    terms               ${text}        NOT NULL,
    version             INTEGER        NOT NULL,
    created_at          ${timestamp}   NOT NULL,
    created_by          VARCHAR(64)    NOT NULL,
    updated_at          ${timestamp}   NOT NULL,
    CONSTRAINT uq_contract_number UNIQUE (contract_no),
    CONSTRAINT fk_contract_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT fk_contract_our_entity FOREIGN KEY (our_entity_id) REFERENCES our_entity (id)
);
CREATE INDEX ix_contract_owner_updated ON contract (owner, updated_at);
CREATE INDEX ix_contract_customer ON contract (customer_id);
CREATE INDEX ix_contract_type_status ON contract (type, status);
CREATE INDEX ix_contract_end_date ON contract (end_date);
CREATE INDEX ix_contract_updated ON contract (updated_at);

CREATE TABLE contract_version (
    contract_id VARCHAR(36)  NOT NULL,
    version     INTEGER      NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    content     ${text}      NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    created_at  ${timestamp} NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_contract_version PRIMARY KEY (contract_id, version),
    CONSTRAINT fk_contract_version_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);

CREATE TABLE contract_number_sequence (
    type_code  CHAR(3) NOT NULL,
    seq_year   INTEGER NOT NULL,
    last_value INTEGER NOT NULL,
    CONSTRAINT pk_contract_number_sequence PRIMARY KEY (type_code, seq_year)
);

CREATE TABLE idempotency_record (
    principal     VARCHAR(64)  NOT NULL,
    idem_key      VARCHAR(100) NOT NULL,
    operation     VARCHAR(100) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    resource_id   VARCHAR(36),
    created_at    ${timestamp} NOT NULL,
    CONSTRAINT pk_idempotency_record PRIMARY KEY (principal, idem_key)
);

CREATE TABLE audit_event (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    occurred_at ${timestamp} NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    entity_type VARCHAR(40)  NOT NULL,
    entity_id   VARCHAR(36)  NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    changes     ${text}      NOT NULL
);
CREATE INDEX ix_audit_entity ON audit_event (entity_type, entity_id, occurred_at);
CREATE INDEX ix_audit_time ON audit_event (occurred_at);

CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until ${timestamp} NOT NULL,
    locked_at  ${timestamp} NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
