-- The signing CA of this installation (one row, id 'installation') when the admin gave none, and one key pair and
-- certificate per signer. Private keys (PKCS#8) and the certificates (which carry names and e-mail addresses) are
-- stored encrypted with the installation's data key; several instances share them through these rows.
CREATE TABLE signing_authority (
    id           VARCHAR(20)  NOT NULL PRIMARY KEY,
    certificate  ${text}      NOT NULL,
    private_key  ${text}      NOT NULL,
    created_at   ${timestamp} NOT NULL
);

-- identity_hash: keyed hash of name, organisation and e-mail, to re-issue when they change; ca_sha256: the CA that
-- issued it, to re-issue after the admin replaced the CA.
CREATE TABLE signer_certificate (
    signer_key    VARCHAR(200) NOT NULL PRIMARY KEY,
    serial_hex    VARCHAR(64)  NOT NULL,
    identity_hash CHAR(64)     NOT NULL,
    ca_sha256     CHAR(64)     NOT NULL,
    not_after     ${timestamp} NOT NULL,
    certificate   ${text}      NOT NULL,
    private_key   ${text}      NOT NULL,
    issued_at     ${timestamp} NOT NULL
);
