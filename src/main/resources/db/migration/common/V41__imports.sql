-- Import jobs of customers and contracts from XLSX/CSV (issue #16 item 2). A job row is written and committed
-- before the file is read, and its progress (processed/total) in short transactions of their own while the rows
-- themselves are written in one transaction that commits at the end: a reader sees the progress, never half the
-- rows. A job still RUNNING whose heartbeat stopped belongs to a process that died: its rows rolled back.
CREATE TABLE import_job (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    kind          VARCHAR(16)   NOT NULL,
    mode          VARCHAR(16)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    file_name     VARCHAR(255),
    processed     INTEGER       NOT NULL,
    total         INTEGER       NOT NULL,
    created_count INTEGER       NOT NULL,
    updated_count INTEGER       NOT NULL,
    skipped_count INTEGER       NOT NULL,
    error_count   INTEGER       NOT NULL,
    problem       VARCHAR(1000),
    created_by    VARCHAR(64)   NOT NULL,
    created_at    ${timestamp}  NOT NULL,
    heartbeat_at  ${timestamp}  NOT NULL,
    finished_at   ${timestamp}
);
CREATE INDEX ix_import_job_created_by ON import_job (created_by, created_at);

-- Every problem of a job's rows (row number as the file counts it, 1 = the header row), and the failed rows
-- themselves (their cells as a JSON array) for the download of failed rows with their reasons.
CREATE TABLE import_error (
    job_id      VARCHAR(36)   NOT NULL,
    seq         INTEGER       NOT NULL,
    row_no      INTEGER       NOT NULL,
    column_name VARCHAR(100),
    message     VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_import_error PRIMARY KEY (job_id, seq),
    CONSTRAINT fk_import_error_job FOREIGN KEY (job_id) REFERENCES import_job (id)
);

CREATE TABLE import_failed_row (
    job_id VARCHAR(36) NOT NULL,
    row_no INTEGER     NOT NULL,
    cells  ${text}     NOT NULL,
    CONSTRAINT pk_import_failed_row PRIMARY KEY (job_id, row_no),
    CONSTRAINT fk_import_failed_row_job FOREIGN KEY (job_id) REFERENCES import_job (id)
);
