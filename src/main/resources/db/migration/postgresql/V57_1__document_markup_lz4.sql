-- The saved versions' markup is compressed as their text is (see V56_1).
DO $$
BEGIN
    ALTER TABLE contract_document ALTER COLUMN markup SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no LZ4 support: the markup stays compressed with pglz';
END
$$;
