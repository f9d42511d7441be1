-- The staged rows, as a table whose columns are the staging columns
-- merges them.
SELECT * FROM stg
