-- One numbering for a contract's version history (io.qiyue.contract.ExternalVersions): the rendered
-- text of saved contract version n is document version n, uploaded paper is numbered from 1000000001.
-- Until now an upload took the next free number and later saves skipped it. Uploads move first (to
-- 1000000000 + their old number: unique, and above every saved number); then saved rows go through
-- negative numbers, so that no intermediate row collides with another on the primary key.
UPDATE contract_document SET doc_version = doc_version + 1000000000 WHERE kind = 'EXTERNAL' AND doc_version < 1000000001;
UPDATE contract_document SET doc_version = -contract_version
    WHERE kind = 'SAVED' AND contract_version IS NOT NULL AND doc_version <> contract_version;
UPDATE contract_document SET doc_version = -doc_version WHERE doc_version < 0;
