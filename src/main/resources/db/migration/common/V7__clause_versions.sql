-- Clauses are versioned like templates: every saved state of a clause is kept.
CREATE TABLE clause_version (
    clause_id   VARCHAR(36)  NOT NULL,
    version     INTEGER      NOT NULL,
    category    VARCHAR(64)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    body        ${text}      NOT NULL,
    approved    BOOLEAN      NOT NULL,
    conspicuous BOOLEAN      NOT NULL,
    created_at  ${timestamp} NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_clause_version PRIMARY KEY (clause_id, version),
    CONSTRAINT fk_clause_version_clause FOREIGN KEY (clause_id) REFERENCES clause (id)
);

INSERT INTO clause_version (clause_id, version, category, title, body, approved, conspicuous, created_at, created_by)
SELECT id, version, category, title, body, approved, conspicuous, updated_at, updated_by FROM clause;
