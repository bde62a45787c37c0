-- Events of the new modules (approval, negotiation) carry comments and recipient lists: 4,000 characters are not
-- enough, and a publication that does not fit would fail the transaction that caused it.
ALTER TABLE EVENT_PUBLICATION MODIFY serialized_event LONGTEXT NOT NULL;
