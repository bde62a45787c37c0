-- Seals (印章) of our signing entities: the image as a normalised transparent PNG, who may use each seal, and
-- every use. Seals are deactivated, never deleted: the use log and signed documents refer to them.
CREATE TABLE seal (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    our_entity_id VARCHAR(36)  NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    image         ${blob}      NOT NULL,
    width         INTEGER      NOT NULL,
    height        INTEGER      NOT NULL,
    image_sha256  CHAR(64)     NOT NULL,
    active        BOOLEAN      NOT NULL,
    version       INTEGER      NOT NULL,
    created_at    ${timestamp} NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    updated_at    ${timestamp} NOT NULL,
    updated_by    VARCHAR(64)  NOT NULL,
    CONSTRAINT fk_seal_our_entity FOREIGN KEY (our_entity_id) REFERENCES our_entity (id)
);
CREATE INDEX ix_seal_our_entity ON seal (our_entity_id, created_at);

-- Usernames rather than user ids: the use log and the audit trail name people by username too.
CREATE TABLE seal_user (
    seal_id  VARCHAR(36) NOT NULL,
    username VARCHAR(64) NOT NULL,
    CONSTRAINT pk_seal_user PRIMARY KEY (seal_id, username),
    CONSTRAINT fk_seal_user_seal FOREIGN KEY (seal_id) REFERENCES seal (id)
);

-- contract_id without a foreign key: the log belongs to the seal, and the contract is the contract module's.
CREATE TABLE seal_use (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    seal_id         VARCHAR(36)  NOT NULL,
    contract_id     VARCHAR(36)  NOT NULL,
    username        VARCHAR(64)  NOT NULL,
    used_at         ${timestamp} NOT NULL,
    document_sha256 CHAR(64)     NOT NULL,
    purpose         VARCHAR(200) NOT NULL,
    CONSTRAINT fk_seal_use_seal FOREIGN KEY (seal_id) REFERENCES seal (id)
);
CREATE INDEX ix_seal_use_seal ON seal_use (seal_id, used_at);
