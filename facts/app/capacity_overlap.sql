-- The first stored reduction of $operator whose period overlaps
-- $from–$to (store/rules.sql, carico_periods_overlap), leaving out the
-- one that starts on $replacing (the reduction being edited; NULL for a
-- new one).
SELECT from_date, coalesce(to_date, DATE '9999-12-31'), coalesce(percent, 0), coalesce(hours_per_week, 0), reason, coalesce(note, '')
FROM capacity_reduction
WHERE operator_id = $operator
  AND from_date IS DISTINCT FROM CAST($replacing AS DATE)
  AND carico_periods_overlap(from_date, to_date, CAST($from AS DATE), CAST($to AS DATE))
ORDER BY from_date
LIMIT 1
