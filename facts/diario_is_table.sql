-- Whether the diario is a table of this database (a collection read in
-- place is a view over its files, and keeps nothing).
SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'activity' AND NOT temporary
