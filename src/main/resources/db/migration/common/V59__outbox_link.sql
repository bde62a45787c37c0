-- The signing link an e-mail carries (/s/…), so that the worker cancels it instead of sending a link that no longer
-- opens anything: replaced by a reminder, the signer taken off the plan, the round ended (see io.qiyue.notification).
ALTER TABLE notification_outbox ADD link_ref VARCHAR(200);
