-- The reductions that end from $today to $today + $days (both included),
-- soonest first: the responsabile renews or lets them lapse.
SELECT operator_id, from_date, to_date, coalesce(percent, 0), coalesce(hours_per_week, 0), reason, coalesce(note, '')
FROM capacity_reduction
WHERE to_date BETWEEN CAST($today AS DATE) AND CAST($today AS DATE) + to_days(CAST($days AS INTEGER))
ORDER BY to_date, operator_id
