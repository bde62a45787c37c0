-- Signed files and their hashes never change: the database refuses it too, not only the application.
CREATE FUNCTION signing_document_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'signing_document rows are immutable (%)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER signing_document_immutable BEFORE UPDATE OR DELETE ON signing_document
    FOR EACH ROW EXECUTE FUNCTION signing_document_immutable();
