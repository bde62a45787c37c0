-- Idempotency-Key for every POST (see io.qiyue.idempotency), replacing the contract-only idempotency_record:
-- a key is claimed before its request runs (status NULL until it ends), and a successful answer is kept as
-- it was sent (headers that make it the same answer, body in base64) for 24 hours.
DROP TABLE idempotency_record;

CREATE TABLE idempotent_request (
    principal        VARCHAR(64)   NOT NULL,
    idem_key         VARCHAR(100)  NOT NULL,
    request_method   VARCHAR(10)   NOT NULL,
    request_path     VARCHAR(2000) NOT NULL,
    request_hash     CHAR(64)      NOT NULL,
    status           INTEGER,
    response_headers ${text},
    response_body    ${text},
    created_at       ${timestamp}  NOT NULL,
    CONSTRAINT pk_idempotent_request PRIMARY KEY (principal, idem_key)
);

CREATE INDEX ix_idempotent_request_created ON idempotent_request (created_at);
