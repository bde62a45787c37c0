-- The UI sessions of each user (issue #15): listed to their owner, who can end one or all others. A session
-- holds its row's id; the session filter ends a session whose row is ended or gone, on every instance. A row
-- made under an older password (credentials_version behind the user's) belongs to a session that has ended.
CREATE TABLE account_session (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL,
    credentials_version INT   NOT NULL,
    created_at   ${timestamp} NOT NULL,
    last_used_at ${timestamp} NOT NULL,
    ip           VARCHAR(64),
    user_agent   VARCHAR(255),
    ended_at     ${timestamp},
    CONSTRAINT fk_account_session_user FOREIGN KEY (user_id) REFERENCES app_user (id)
);
CREATE INDEX ix_account_session_user ON account_session (user_id, ended_at);
