-- Where a stored contract text prints its customer's personal details (address, ID number, contacts), as
-- "start-end" character ranges marked when the text was stored: the document is the same for every
-- reader, and screens blank exactly these ranges for a reader who may not read the customer.
-- NULL for texts stored before: they are marked with the customer's current details when shown.
ALTER TABLE contract_document ADD COLUMN restricted_spans ${text};
