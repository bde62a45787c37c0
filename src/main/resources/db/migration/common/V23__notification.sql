-- Notifications (issue #12 item 5): in-app messages per user, each user's channel choice per event kind,
-- the SMTP settings, outgoing webhooks and group robots, and one outbox that the scheduled worker sends from.

CREATE TABLE notification (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    recipient   VARCHAR(64)   NOT NULL,
    kind        VARCHAR(40)   NOT NULL,
    contract_id VARCHAR(36),
    title       VARCHAR(500)  NOT NULL,
    body        VARCHAR(2000) NOT NULL,
    link        VARCHAR(500),
    created_at  ${timestamp}  NOT NULL,
    read_at     ${timestamp}
);
-- the bell's count and the list: one user's unread (read_at IS NULL) and newest first
CREATE INDEX ix_notification_recipient ON notification (recipient, read_at, created_at);

-- Only what a user changed is stored; a missing row means the kind's default.
CREATE TABLE notification_preference (
    username VARCHAR(64) NOT NULL,
    kind     VARCHAR(40) NOT NULL,
    in_app   BOOLEAN     NOT NULL,
    email    BOOLEAN     NOT NULL,
    CONSTRAINT pk_notification_preference PRIMARY KEY (username, kind)
);

-- One row (id = 1) once an admin saved the settings; without it the QIYUE_SMTP_* defaults apply.
CREATE TABLE notification_settings (
    id                   INTEGER       NOT NULL PRIMARY KEY,
    smtp_host            VARCHAR(255),
    smtp_port            INTEGER       NOT NULL,
    smtp_username        VARCHAR(255),
    smtp_password_cipher VARCHAR(1000),
    smtp_tls             BOOLEAN       NOT NULL,
    from_address         VARCHAR(254),
    public_base_url      VARCHAR(500),
    version              INTEGER       NOT NULL,
    updated_at           ${timestamp}  NOT NULL,
    updated_by           VARCHAR(64)   NOT NULL
);

CREATE TABLE webhook (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    url           VARCHAR(2000) NOT NULL,
    events        VARCHAR(1000) NOT NULL,
    secret_cipher VARCHAR(1000) NOT NULL,
    created_at    ${timestamp}  NOT NULL,
    created_by    VARCHAR(64)   NOT NULL
);

-- The robot's URL carries its access token, so it is stored encrypted like the secret.
CREATE TABLE group_robot (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    name          VARCHAR(100)  NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    url_cipher    VARCHAR(3000) NOT NULL,
    url_hint      VARCHAR(200)  NOT NULL,
    secret_cipher VARCHAR(1000),
    events        VARCHAR(1000) NOT NULL,
    created_at    ${timestamp}  NOT NULL,
    created_by    VARCHAR(64)   NOT NULL
);

-- Every message that leaves the application: written after the event's transaction committed, sent by the
-- worker. A row is claimed with UPDATE ... WHERE version = ? so that two instances never send it twice.
CREATE TABLE notification_outbox (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    channel          VARCHAR(16)   NOT NULL,
    target           VARCHAR(254)  NOT NULL,
    event_kind       VARCHAR(40)   NOT NULL,
    subject          VARCHAR(500)  NOT NULL,
    payload          ${text}       NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  ${timestamp}  NOT NULL,
    claimed_until    ${timestamp},
    last_status_code INTEGER,
    last_error       VARCHAR(1000),
    created_at       ${timestamp}  NOT NULL,
    sent_at          ${timestamp},
    version          INTEGER       NOT NULL
);
CREATE INDEX ix_outbox_due ON notification_outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_target ON notification_outbox (channel, target, created_at);

-- What was posted to each robot: the rate limits count these, and admins read them as the robot's log.
CREATE TABLE robot_dispatch (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    robot_id    VARCHAR(36)   NOT NULL,
    sent_at     ${timestamp}  NOT NULL,
    items       INTEGER       NOT NULL,
    status_code INTEGER,
    error       VARCHAR(1000)
);
CREATE INDEX ix_robot_dispatch ON robot_dispatch (robot_id, sent_at);
