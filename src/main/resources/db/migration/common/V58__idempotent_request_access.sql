-- The caller's access when a keyed request first ran (roles and team, hashed): a retry after a change of either
-- is refused instead of replaying an answer the caller may no longer see (see io.qiyue.idempotency).
ALTER TABLE idempotent_request ADD access_hash CHAR(64);
