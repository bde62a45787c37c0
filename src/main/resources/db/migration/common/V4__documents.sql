-- Contract documents (io.qiyue.template): templates with their versions, the clause library, and
-- the rendered or extracted text of every document version of a contract.

CREATE TABLE doc_template (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_type VARCHAR(20)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    body          ${text}      NOT NULL,
    active        BOOLEAN      NOT NULL,
    version       INTEGER      NOT NULL,
    created_at    ${timestamp} NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    updated_at    ${timestamp} NOT NULL,
    updated_by    VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_doc_template_type ON doc_template (contract_type, active);

CREATE TABLE doc_template_version (
    template_id VARCHAR(36)  NOT NULL,
    version     INTEGER      NOT NULL,
    body        ${text}      NOT NULL,
    created_at  ${timestamp} NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_doc_template_version PRIMARY KEY (template_id, version),
    CONSTRAINT fk_doc_template_version FOREIGN KEY (template_id) REFERENCES doc_template (id)
);

CREATE TABLE clause (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    category    VARCHAR(64)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    body        ${text}      NOT NULL,
    approved    BOOLEAN      NOT NULL,
    conspicuous BOOLEAN      NOT NULL,
    version     INTEGER      NOT NULL,
    created_at  ${timestamp} NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    updated_at  ${timestamp} NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_clause_category ON clause (category);

CREATE TABLE contract_document (
    contract_id      VARCHAR(36)  NOT NULL,
    doc_version      INTEGER      NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    contract_version INTEGER,
    template_id      VARCHAR(36),
    template_version INTEGER,
    file_name        VARCHAR(255),
    media_type       VARCHAR(100),
    text_content     ${text}      NOT NULL,
    sha256           CHAR(64)     NOT NULL,
    created_at       ${timestamp} NOT NULL,
    created_by       VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_contract_document PRIMARY KEY (contract_id, doc_version),
    CONSTRAINT fk_contract_document_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
