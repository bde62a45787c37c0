-- The language a user last chose in Qiyue (zh-CN or en), so that what is sent to them when they are not looking
-- (e-mails, digests) is in it too. NULL: never chosen, Chinese.
ALTER TABLE app_user ADD COLUMN preferred_language VARCHAR(16);
