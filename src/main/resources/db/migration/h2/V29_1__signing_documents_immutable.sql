-- Signed files and their hashes never change: the database refuses it too, not only the application.
CREATE TRIGGER signing_document_immutable BEFORE UPDATE, DELETE ON signing_document FOR EACH ROW
    CALL 'io.qiyue.shared.persistence.H2ImmutableRows';
