-- The cartelle open at $1 silent for at least $2 days (store/rules.sql,
-- carico_dormant), longest silence first.
SELECT id, coalesce(operator_id, ''), coalesce(istat, ''), coalesce(area, ''), opened, last_day, silent_days
FROM carico_dormant($1::DATE, $2)
ORDER BY silent_days DESC, id
