-- What an e-mail asks its recipient to act on (io.qiyue.notification.PendingActions): the approval task it links to
-- (task:<id>), their signature of a contract (signature:<contract id>:<username>) or a contract in signing
-- (signing:<contract id>). The worker asks again just before sending it, and one whose task was decided or closed,
-- or whose signature or signing round ended meanwhile, is cancelled instead, the reason in last_error. NULL: an
-- e-mail that asks for nothing (news, reminders, codes), or one queued before this column existed.
ALTER TABLE notification_outbox ADD awaits VARCHAR(200);
