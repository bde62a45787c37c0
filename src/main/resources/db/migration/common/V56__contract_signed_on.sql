-- The day a legacy contract was signed, as its import file gives it (签订日期): obligations due "N days after
-- signing" count from it, and its scan is filed as signed on it. A contract signed in Qiyue keeps its date in
-- signing_session.signed_on; null here then, and for an import that gave none (its start date stands in).
ALTER TABLE contract ADD signed_on DATE;
