-- Signing (io.qiyue.signing): who signs for each side and in which order, each signing round with its frozen
-- document, the signers' links and confirmations, every PDF produced (never changed, never deleted), and the
-- evidence of each step for the report a court asks for.

CREATE TABLE signing_plan (
    contract_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    signing_order    VARCHAR(16)  NOT NULL,
    ours             ${text}      NOT NULL,
    theirs           ${text}      NOT NULL,
    ours_required    INT,
    theirs_required  INT,
    allow_forward    BOOLEAN      NOT NULL,
    expires_in_days  INT          NOT NULL,
    version          INT          NOT NULL,
    updated_at       ${timestamp} NOT NULL,
    updated_by       VARCHAR(64)  NOT NULL
);

CREATE TABLE signing_session (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_id      VARCHAR(36)  NOT NULL,
    contract_version INT          NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    method           VARCHAR(16)  NOT NULL,
    signing_order    VARCHAR(16)  NOT NULL,
    ours_required    INT          NOT NULL,
    theirs_required  INT          NOT NULL,
    allow_forward    BOOLEAN      NOT NULL,
    approved_sha256  VARCHAR(64)  NOT NULL,
    frozen_sha256    VARCHAR(64)  NOT NULL,
    current_sha256   VARCHAR(64)  NOT NULL,
    expires_at       ${timestamp} NOT NULL,
    reminded_at      ${timestamp},
    signed_on        DATE,
    closed_at        ${timestamp},
    close_reason     VARCHAR(1000),
    created_at       ${timestamp} NOT NULL,
    created_by       VARCHAR(64)  NOT NULL,
    version          INT          NOT NULL
);
CREATE INDEX ix_signing_session_contract ON signing_session (contract_id, created_at);
CREATE INDEX ix_signing_session_open ON signing_session (status, expires_at);

CREATE TABLE signing_signer (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    session_id          VARCHAR(36)  NOT NULL,
    contract_id         VARCHAR(36)  NOT NULL,
    side                VARCHAR(8)   NOT NULL,
    position            INT          NOT NULL,
    username            VARCHAR(64),
    contact_id          VARCHAR(36),
    name                VARCHAR(200) NOT NULL,
    organisation        VARCHAR(300) NOT NULL,
    email               VARCHAR(200),
    mobile_masked       VARCHAR(40),
    status              VARCHAR(16)  NOT NULL,
    token_hash          VARCHAR(64),
    invited_at          ${timestamp},
    code_hash           VARCHAR(64),
    code_expires_at     ${timestamp},
    code_attempts       INT          NOT NULL,
    identity_method     VARCHAR(16),
    identity_at         ${timestamp},
    signed_at           ${timestamp},
    typed_name          VARCHAR(200),
    seal_id             VARCHAR(36),
    seal_name           VARCHAR(200),
    ip                  VARCHAR(64),
    user_agent          VARCHAR(512),
    decline_reason      VARCHAR(1000),
    forwarded_to        VARCHAR(36),
    forwarded_from      VARCHAR(36),
    version             INT          NOT NULL
);
CREATE INDEX ix_signing_signer_session ON signing_signer (session_id, side, position);
CREATE UNIQUE INDEX ux_signing_signer_token ON signing_signer (token_hash);

CREATE TABLE signing_document (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    contract_id  VARCHAR(36)  NOT NULL,
    session_id   VARCHAR(36)  NOT NULL,
    seq          INT          NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    media_type   VARCHAR(100) NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content      ${blob}      NOT NULL,
    byte_size    BIGINT       NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    signer_id    VARCHAR(36),
    created_at   ${timestamp} NOT NULL,
    created_by   VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX ux_signing_document_seq ON signing_document (session_id, seq);
CREATE INDEX ix_signing_document_contract ON signing_document (contract_id, created_at);
CREATE INDEX ix_signing_document_sha ON signing_document (sha256);

-- the approved PDF of each approval, before any signing round: what a seal-use approval binds to
CREATE TABLE signing_approved_document (
    contract_id      VARCHAR(36)  NOT NULL,
    contract_version INT          NOT NULL,
    content          ${blob}      NOT NULL,
    sha256           VARCHAR(64)  NOT NULL,
    approved_at      ${timestamp} NOT NULL,
    approved_by      VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_signing_approved_document PRIMARY KEY (contract_id, contract_version)
);

CREATE TABLE signing_event (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    session_id   VARCHAR(36)   NOT NULL,
    contract_id  VARCHAR(36)   NOT NULL,
    signer_id    VARCHAR(36),
    occurred_at  ${timestamp}  NOT NULL,
    kind         VARCHAR(24)   NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    ip           VARCHAR(64),
    user_agent   VARCHAR(512),
    detail       VARCHAR(1000)
);
CREATE INDEX ix_signing_event_session ON signing_event (session_id, occurred_at);
