-- The first $limit rows a dry run would store, read back before it rolls
-- back: from the staging table, or on a first load from the kind's table
-- for the dry run's batch. Template: .Columns (the staging columns shown),
-- .Table ("" for the staging table).
SELECT {{join .Columns ", "}}
FROM {{if .Table}}{{.Table}} WHERE batch_id = $batch{{else}}temp.stg{{end}}
LIMIT $limit
