-- The requests to act on an approval task link to it (/approvals/<task>): when the task ends they are marked read
-- by that link, one indexed lookup instead of a scan of every notification.
CREATE INDEX ix_notification_link ON notification (link);
