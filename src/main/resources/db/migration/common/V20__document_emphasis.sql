-- The passages of uploaded paper printed in bold or underlined, whitespace removed, one per line (module
-- io.qiyue.template): QY-V005 takes a limitation clause so printed as conspicuous. NULL for rendered versions
-- and for uploads made before this was recorded.
ALTER TABLE contract_document ADD COLUMN emphasis_text ${text};
