-- Signed files and their hashes never change: the database refuses it too, not only the application.
CREATE TRIGGER signing_document_no_update BEFORE UPDATE ON signing_document FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'signing_document rows are immutable';
CREATE TRIGGER signing_document_no_delete BEFORE DELETE ON signing_document FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'signing_document rows are immutable';
