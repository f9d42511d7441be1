-- DuckDB's own settings again, after an import.
RESET memory_limit;
RESET disabled_compression_methods
