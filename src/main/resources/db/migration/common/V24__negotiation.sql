-- Negotiation with the customer (双方协商): share links a contract's owner gives the customer's contact,
-- every use of them, the contact's comments (and the owner's answers) and proposals, clause by clause.
-- A link's token is kept only as its SHA-256: the table alone opens nothing.
CREATE TABLE share_link (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_id  VARCHAR(36)  NOT NULL,
    token_sha256 CHAR(64)     NOT NULL,
    contact_id   VARCHAR(36),
    contact_name VARCHAR(200),
    created_at   ${timestamp} NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    expires_at   ${timestamp} NOT NULL,
    revoked_at   ${timestamp},
    revoked_by   VARCHAR(64),
    CONSTRAINT uq_share_link_token UNIQUE (token_sha256),
    CONSTRAINT fk_share_link_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
CREATE INDEX ix_share_link_contract ON share_link (contract_id, created_at);

CREATE TABLE share_link_use (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    link_id     VARCHAR(36)  NOT NULL,
    used_at     ${timestamp} NOT NULL,
    action      VARCHAR(20)  NOT NULL,
    ip          VARCHAR(64)  NOT NULL,
    user_agent  VARCHAR(300),
    CONSTRAINT fk_share_link_use_link FOREIGN KEY (link_id) REFERENCES share_link (id)
);
CREATE INDEX ix_share_link_use_link ON share_link_use (link_id, used_at);

-- author_kind: COUNTERPARTY (through a link; link_id set) or OWNER (an answer; reply_to set); author_name is
-- null for a link given to no contact in particular.
CREATE TABLE negotiation_comment (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    contract_id VARCHAR(36)   NOT NULL,
    link_id     VARCHAR(36),
    clause_key  VARCHAR(200),
    body        VARCHAR(4000) NOT NULL,
    author_kind VARCHAR(20)   NOT NULL,
    author_name VARCHAR(200),
    reply_to    VARCHAR(36),
    created_at  ${timestamp}  NOT NULL,
    CONSTRAINT fk_negotiation_comment_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
CREATE INDEX ix_negotiation_comment_contract ON negotiation_comment (contract_id, created_at);

-- doc_version: the COUNTERPARTY version of the contract's history that holds the document with this wording;
-- base_version: the saved contract version the contact read when proposing.
CREATE TABLE negotiation_proposal (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    contract_id  VARCHAR(36)   NOT NULL,
    link_id      VARCHAR(36)   NOT NULL,
    doc_version  INTEGER       NOT NULL,
    base_version INTEGER       NOT NULL,
    note         VARCHAR(4000),
    author_name  VARCHAR(200),
    created_at   ${timestamp}  NOT NULL,
    CONSTRAINT fk_negotiation_proposal_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
CREATE INDEX ix_negotiation_proposal_contract ON negotiation_proposal (contract_id, created_at);

-- One proposed wording per clause (a JSON pointer into the contract's terms); status PENDING, ACCEPTED or
-- REJECTED, decided once (the update is conditional on PENDING).
CREATE TABLE negotiation_clause (
    proposal_id      VARCHAR(36)   NOT NULL,
    clause_key       VARCHAR(200)  NOT NULL,
    ordinal          INTEGER       NOT NULL,
    before_text      VARCHAR(4000),
    proposed_text    VARCHAR(4000) NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    decided_at       ${timestamp},
    decided_by       VARCHAR(64),
    decision_reason  VARCHAR(1000),
    applied_version  INTEGER,
    CONSTRAINT pk_negotiation_clause PRIMARY KEY (proposal_id, clause_key),
    CONSTRAINT fk_negotiation_clause_proposal FOREIGN KEY (proposal_id) REFERENCES negotiation_proposal (id)
);
