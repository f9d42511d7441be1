-- The cartelle open at $at silent for at least $dormant days (store/rules.sql,
-- carico_dormant), longest silence first.
SELECT id, coalesce(operator_id, ''), coalesce(istat, ''), coalesce(area, ''), opened, last_day, silent_days
FROM carico_dormant($at::DATE, CAST($dormant AS INTEGER))
ORDER BY silent_days DESC, id
