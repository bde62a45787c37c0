-- What made each saved version of a contract (VersionCause: 保存, 提交审批, 撤回, 应用建议 …), and the short
-- change notes that a version's author (or an admin) adds to any version of the history, saved or extra
-- (uploaded paper, a counterparty's proposal: those take their cause from their kind).
ALTER TABLE contract_version ADD COLUMN cause VARCHAR(24);

-- Existing versions: the first one created the contract; a later one is the lifecycle move into the status it
-- records, or, as a draft, a save (a withdrawal when the version before it was in approval: a rejection looks
-- the same in the record and is counted as one).
UPDATE contract_version SET cause = 'CREATE' WHERE version = 1;
UPDATE contract_version SET cause = 'SUBMIT' WHERE cause IS NULL AND content LIKE '%"status":"IN_APPROVAL"%';
UPDATE contract_version SET cause = 'APPROVE' WHERE cause IS NULL AND content LIKE '%"status":"APPROVED"%';
UPDATE contract_version SET cause = 'START_SIGNING' WHERE cause IS NULL AND content LIKE '%"status":"SIGNING"%';
UPDATE contract_version SET cause = 'SIGN' WHERE cause IS NULL AND content LIKE '%"status":"SIGNED"%';
UPDATE contract_version SET cause = 'ACTIVATE' WHERE cause IS NULL AND content LIKE '%"status":"ACTIVE"%';
UPDATE contract_version SET cause = 'EXPIRE' WHERE cause IS NULL AND content LIKE '%"status":"EXPIRED"%';
UPDATE contract_version SET cause = 'TERMINATE' WHERE cause IS NULL AND content LIKE '%"status":"TERMINATED"%';
UPDATE contract_version SET cause = 'MARK_RENEWED' WHERE cause IS NULL AND content LIKE '%"status":"RENEWED"%';
-- MariaDB cannot read the table an UPDATE writes in its subquery: the versions in approval are copied first
CREATE TABLE v36_in_approval AS SELECT contract_id, version FROM contract_version WHERE cause = 'SUBMIT';
UPDATE contract_version SET cause = 'WITHDRAW' WHERE cause IS NULL AND EXISTS (SELECT 1 FROM v36_in_approval a
    WHERE a.contract_id = contract_version.contract_id AND a.version = contract_version.version - 1);
DROP TABLE v36_in_approval;
UPDATE contract_version SET cause = 'SAVE' WHERE cause IS NULL;

CREATE TABLE contract_version_note (
    contract_id VARCHAR(36)  NOT NULL,
    version     INTEGER      NOT NULL,
    note        VARCHAR(200) NOT NULL,
    revision    INTEGER      NOT NULL,
    updated_at  ${timestamp} NOT NULL,
    updated_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_contract_version_note PRIMARY KEY (contract_id, version),
    CONSTRAINT fk_contract_version_note_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
