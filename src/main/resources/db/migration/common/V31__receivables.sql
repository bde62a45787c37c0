-- Receivables (回款, io.qiyue.obligation): the money received against the payment instalments (obligations of
-- kind PAYMENT), how each receipt was allocated to instalments, and the invoices issued beside them.
-- receivable_account is one row per contract that exists to be locked (SELECT ... FOR UPDATE): every receipt,
-- reversal, invoice and plan change of a contract runs under that lock, so that 50 requests at once cannot
-- allocate the same outstanding yuan twice, on H2, PostgreSQL and MariaDB alike.

CREATE TABLE receivable_account (
    contract_id     VARCHAR(36)    NOT NULL PRIMARY KEY,
    received_value  DECIMAL(18, 2) NOT NULL,
    updated_at      ${timestamp}   NOT NULL,
    version         INT            NOT NULL
);

CREATE TABLE receipt (
    id              VARCHAR(36)    NOT NULL PRIMARY KEY,
    contract_id     VARCHAR(36)    NOT NULL,
    received_on     DATE           NOT NULL,
    amount_value    DECIMAL(18, 2) NOT NULL,
    amount_currency CHAR(3)        NOT NULL,
    method          VARCHAR(16)    NOT NULL,
    reference       VARCHAR(200),
    note            VARCHAR(1000),
    reversed_at     ${timestamp},
    reversed_by     VARCHAR(64),
    reversal_reason VARCHAR(1000),
    created_at      ${timestamp}   NOT NULL,
    created_by      VARCHAR(64)    NOT NULL,
    version         INT            NOT NULL
);
CREATE INDEX ix_receipt_contract ON receipt (contract_id, received_on);

CREATE TABLE receipt_allocation (
    receipt_id      VARCHAR(36)    NOT NULL,
    obligation_id   VARCHAR(36)    NOT NULL,
    contract_id     VARCHAR(36)    NOT NULL,
    amount_value    DECIMAL(18, 2) NOT NULL,
    CONSTRAINT pk_receipt_allocation PRIMARY KEY (receipt_id, obligation_id)
);
CREATE INDEX ix_allocation_obligation ON receipt_allocation (obligation_id);
CREATE INDEX ix_allocation_contract ON receipt_allocation (contract_id);

CREATE TABLE invoice (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    contract_id      VARCHAR(36)    NOT NULL,
    our_entity_id    VARCHAR(36)    NOT NULL,
    obligation_id    VARCHAR(36),
    invoice_no       VARCHAR(64)    NOT NULL,
    issued_on        DATE           NOT NULL,
    amount_value     DECIMAL(18, 2) NOT NULL,
    amount_currency  CHAR(3)        NOT NULL,
    tax_rate_percent DECIMAL(5, 2)  NOT NULL,
    tax_value        DECIMAL(18, 2) NOT NULL,
    note             VARCHAR(1000),
    created_at       ${timestamp}   NOT NULL,
    created_by       VARCHAR(64)    NOT NULL,
    version          INT            NOT NULL,
    CONSTRAINT uq_invoice_no UNIQUE (our_entity_id, invoice_no)
);
CREATE INDEX ix_invoice_contract ON invoice (contract_id, issued_on);
