-- DuckDB's memory limit while importing (SET takes no parameter).
-- Template: .Limit, quotes taken out.
SET memory_limit = '{{.Limit}}'
