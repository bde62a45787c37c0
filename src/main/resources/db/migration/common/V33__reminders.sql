-- Reminders (issue #14 part 5). reminder_sent is the "exactly once": a reminder's key is inserted in the
-- transaction that publishes it, and the primary key lets only one run (of any instance) have it.
CREATE TABLE reminder_sent (
    reminder_key VARCHAR(200) NOT NULL PRIMARY KEY,
    kind         VARCHAR(32)  NOT NULL,
    contract_id  VARCHAR(36),
    due_date     DATE,
    sent_on      DATE         NOT NULL,
    created_at   ${timestamp} NOT NULL
);

-- Reminder lines waiting for their daily digest (io.qiyue.notification): an e-mail per user, a message per
-- group robot. digest_id is set when a digest takes the line (UPDATE ... WHERE digest_id IS NULL), so two
-- instances never put one line into two digests.
CREATE TABLE notification_digest_item (
    id         VARCHAR(36)   NOT NULL PRIMARY KEY,
    channel    VARCHAR(16)   NOT NULL,
    target     VARCHAR(254)  NOT NULL,
    event_kind VARCHAR(40)   NOT NULL,
    line       VARCHAR(2000) NOT NULL,
    created_at ${timestamp}  NOT NULL,
    digest_id  VARCHAR(36)
);
CREATE INDEX ix_digest_item_pending ON notification_digest_item (digest_id, channel, target, created_at);

-- Whether a user's reminder e-mails come as one daily digest (the default, no row) or one by one.
CREATE TABLE notification_digest_choice (
    username     VARCHAR(64) NOT NULL PRIMARY KEY,
    daily_digest BOOLEAN     NOT NULL
);

-- One digest per channel, target and day (China time): the unique key lets one instance send it.
CREATE TABLE notification_digest (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    channel    VARCHAR(16)  NOT NULL,
    target     VARCHAR(254) NOT NULL,
    digest_day DATE         NOT NULL,
    items      INT          NOT NULL,
    created_at ${timestamp} NOT NULL,
    CONSTRAINT uq_notification_digest UNIQUE (channel, target, digest_day)
);
