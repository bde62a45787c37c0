-- Counts changes of what a session was opened with: a new password (set by the user or reset by an admin)
-- or the account being disabled. A UI session remembers the count at sign-in and ends when it has moved on,
-- so that such a change holds on the user's very next request in every session, on every instance.
-- Other changes to the user (roles, team, name) move only the row's version: the sessions stay and
-- pick them up.
ALTER TABLE app_user ADD COLUMN credentials_version INTEGER DEFAULT 1 NOT NULL;
