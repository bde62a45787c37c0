-- A contact's fixed-line number (010-12345678, 0755-12345678-123, 400-810-8888), encrypted like the mobile.
-- No lookup hash: contacts are found by their customer, never by a landline.
ALTER TABLE contact ADD landline_cipher VARCHAR(255);
