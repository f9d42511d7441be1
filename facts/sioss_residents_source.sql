-- The last import of residents: its file (without directories) and day.
SELECT regexp_extract(file, '[^/\\]*$'), strftime(coalesce(finished_at, started_at), '%d/%m/%Y')
FROM import_batch WHERE kind = 'population'
ORDER BY id DESC LIMIT 1
