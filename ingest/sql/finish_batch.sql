-- Records the counts of batch $batch as it ends.
UPDATE import_batch
SET finished_at = $finished, rows_read = $read, inserted = $inserted,
    updated = $updated, unchanged = $unchanged, rejected = $rejected
WHERE id = $batch
