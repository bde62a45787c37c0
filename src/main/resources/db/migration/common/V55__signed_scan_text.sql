-- The text layer of a contract's signed paper scan (io.qiyue.template, for the search index): the scan itself is
-- kept by the signing module; one text per contract, the latest scan's.
CREATE TABLE contract_scan_text (
    contract_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    file_name    VARCHAR(255),
    text_content ${text}      NOT NULL,
    created_at   ${timestamp} NOT NULL,
    CONSTRAINT fk_contract_scan_text_contract FOREIGN KEY (contract_id) REFERENCES contract (id)
);
