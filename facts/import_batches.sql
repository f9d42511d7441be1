-- The import batches, newest first; only batch $id when $id > 0.
SELECT id, file, kind, coalesce(profile, ''), started_at, rows_read, inserted, updated, unchanged, rejected
FROM import_batch
WHERE $id <= 0 OR id = $id
ORDER BY id DESC
