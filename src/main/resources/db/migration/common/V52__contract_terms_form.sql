-- The form of the stored terms JSON (io.qiyue.contract.TermsForm): a digest of the code and settings that wrote it,
-- set only when reading and writing the JSON again gives the same text. GET by id sends terms of the current form
-- as stored; NULL (every row written before) and any other form are read and written again, as before.
ALTER TABLE contract ADD terms_form VARCHAR(32);
