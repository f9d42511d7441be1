-- The staged rows, distinct after deduplication.
SELECT count(*) FROM stg
