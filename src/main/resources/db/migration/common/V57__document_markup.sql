-- The markup each saved version of a contract was rendered to (XHTML, articles numbered), beside the text it keeps:
-- its PDF, Word file and HTML are made from it, so that a version's document is the one its text, its review and
-- its approval were about, whatever happened to the template, the clause library or a party's record since.
-- Null for versions saved before it was kept (their documents are rendered from what is current, as before).
ALTER TABLE contract_document ADD markup ${text};
