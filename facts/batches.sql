-- The import batches, oldest first.
SELECT id, file, sha256, kind, coalesce(profile, ''), coalesce(finished_at, started_at),
    rows_read, inserted, updated, unchanged, rejected
FROM import_batch
ORDER BY id
