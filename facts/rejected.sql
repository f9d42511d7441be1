-- The rejected rows of each import batch, counted by reason.
SELECT batch_id, any_value(file), reason, count(*)
FROM rejected_row
GROUP BY batch_id, reason
ORDER BY batch_id, reason
