-- What a notification's text is made of (the arguments of its kind's messages, as a JSON array, and the note
-- appended to its body), so that it reads in the language of whoever reads it. title and body keep the Chinese
-- text it was written in: the e-mails say that, and rows from before have nothing else.
ALTER TABLE notification ADD COLUMN wording VARCHAR(4000);
