-- The first $limit rejected rows of batch $id, by line: where and why.
SELECT line, coalesce(sheet, ''), coalesce(col, ''), coalesce(value, ''), reason
FROM rejected_row
WHERE batch_id = $id
ORDER BY line
LIMIT $limit
