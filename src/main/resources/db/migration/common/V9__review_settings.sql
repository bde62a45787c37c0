-- Review settings (module io.qiyue.review): the values admins gave the rule parameters that
-- review/ruleset.json declares as settings. setting_value is the decimal as text, NULL once reset to
-- the ruleset's default; the row stays, so its version keeps counting and an old ETag never matches again.
-- revision is the settings revision of the setting's last change.
CREATE TABLE review_setting (
    rule_id        VARCHAR(16)  NOT NULL,
    parameter_name VARCHAR(64)  NOT NULL,
    setting_value  VARCHAR(64),
    version        INTEGER      NOT NULL,
    revision       INTEGER      NOT NULL,
    updated_by     VARCHAR(64)  NOT NULL,
    updated_at     ${timestamp} NOT NULL,
    CONSTRAINT pk_review_setting PRIMARY KEY (rule_id, parameter_name)
);

-- Every change, numbered by the settings revision it created (values NULL = the default): with the
-- ruleset version, the changes up to a review's settings_revision say which settings it ran with.
CREATE TABLE review_setting_change (
    revision       INTEGER      NOT NULL PRIMARY KEY,
    rule_id        VARCHAR(16)  NOT NULL,
    parameter_name VARCHAR(64)  NOT NULL,
    value_before   VARCHAR(64),
    value_after    VARCHAR(64),
    changed_by     VARCHAR(64)  NOT NULL,
    changed_at     ${timestamp} NOT NULL
);

-- The current settings revision, one row: every review reads it (a primary-key lookup) to know whether
-- its cached engine still fits; every change locks it, so changes are numbered one after the other.
CREATE TABLE review_settings_revision (
    id       INTEGER NOT NULL PRIMARY KEY,
    revision INTEGER NOT NULL
);
INSERT INTO review_settings_revision (id, revision) VALUES (1, 0);

-- Which settings a stored review and a portfolio run used; NULL for those made before this was recorded.
ALTER TABLE contract_review ADD COLUMN settings_revision INTEGER;
ALTER TABLE review_portfolio_job ADD COLUMN settings_revision INTEGER;
