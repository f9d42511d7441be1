-- The first $limit rejected cells of batch $batch, in file order.
SELECT file, line, coalesce(sheet, ''), coalesce(col, ''), coalesce(value, ''), reason
FROM rejected_row
WHERE batch_id = $batch
ORDER BY line, rowid
LIMIT $limit
