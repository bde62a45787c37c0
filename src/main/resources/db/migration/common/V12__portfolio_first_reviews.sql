-- A portfolio re-review also counts the contracts it reviewed for the first time: they have no earlier
-- review to compare with, so they are neither "changed" nor silently the same.
ALTER TABLE review_portfolio_job ADD COLUMN first_reviews INTEGER DEFAULT 0 NOT NULL;
