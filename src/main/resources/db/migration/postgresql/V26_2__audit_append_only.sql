-- PostgreSQL refuses to change or remove audit entries, whoever asks short of the table's owner disabling
-- the trigger (which the tamper tests do, to prove that verify notices). The application never updates
-- or deletes them; this stops an accidental or casual edit, not an owner of the database.
-- One update stays allowed: giving an entry written before the chain (seq still NULL) its place and hashes,
-- and nothing else, which is what the backfill (Java migration 26.1) does.
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL
            AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.actor = OLD.actor
            AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id AND NEW.action = OLD.action
            AND NEW.changes = OLD.changes AND NEW.ip IS NOT DISTINCT FROM OLD.ip
            AND NEW.user_agent IS NOT DISTINCT FROM OLD.user_agent THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
