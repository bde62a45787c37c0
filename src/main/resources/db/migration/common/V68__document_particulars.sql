-- The particulars of the parties that each kept document prints (names, credit code or ID number, 住所, 法定代表人,
-- our bank account), as JSON of SHA-256 and shown value per field: signing refuses to sign a frozen document that
-- names a party otherwise than its record now does, and a submission renders the document again when its draft's
-- does. Null for documents kept before (signing then checks that they print the parties' current names).
ALTER TABLE contract_document ADD particulars ${text};
