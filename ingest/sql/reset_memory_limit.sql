-- DuckDB's own memory limit again.
RESET memory_limit
