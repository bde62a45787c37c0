-- The file as the counterparty sent it (DOCX or PDF), beside the text extracted from it in contract_document:
-- downloadable again, deleted with its version while the contract is a draft. Uploads made before this migration
-- kept only their text.
CREATE TABLE contract_document_original (
    contract_id VARCHAR(36)  NOT NULL,
    doc_version INTEGER      NOT NULL,
    content     ${blob}      NOT NULL,
    CONSTRAINT pk_contract_document_original PRIMARY KEY (contract_id, doc_version),
    CONSTRAINT fk_contract_document_original_doc FOREIGN KEY (contract_id, doc_version)
        REFERENCES contract_document (contract_id, doc_version)
);
