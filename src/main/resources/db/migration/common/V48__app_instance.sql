-- The running instances, each with a heartbeat every few seconds: work an instance claimed (an idempotency key's
-- request in flight) is known to be abandoned as soon as its instance stops beating, not only after a timeout.
CREATE TABLE app_instance (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    started_at   ${timestamp} NOT NULL,
    heartbeat_at ${timestamp} NOT NULL
);
CREATE INDEX ix_app_instance_heartbeat ON app_instance (heartbeat_at);

-- which instance runs the request that claimed the key (NULL for claims made before this version)
ALTER TABLE idempotent_request ADD instance_id VARCHAR(36);
