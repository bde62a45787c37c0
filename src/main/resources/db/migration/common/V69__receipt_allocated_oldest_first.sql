-- Whether Qiyue spread a receipt over the instalments itself, oldest due first (TRUE: it was recorded without
-- allocations), or it pays the instalments someone chose (FALSE). When a receipt is taken back, the receipts Qiyue
-- spread are spread again over what is left, so that they pay what they would have paid had the reversed one never
-- been recorded; a chosen allocation is kept. Receipts recorded before this column existed say neither, so they are
-- kept as recorded (FALSE), as every receipt was before.
ALTER TABLE receipt ADD COLUMN oldest_first BOOLEAN DEFAULT FALSE NOT NULL;
