-- An import's reasons as message codes with their arguments (a small JSON), put in words in the language of whoever
-- reads them: the words stored so far were those of the importer's language, so a colleague reading in the other
-- language saw them mixed with the page's. The columns of words stay, for the jobs written before.
ALTER TABLE import_error ADD COLUMN reason ${text};
ALTER TABLE import_job ADD COLUMN problem_reason ${text};
