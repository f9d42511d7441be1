-- The cartelle open at $at and who holds each one (store/rules.sql,
-- carico_open_cases).
SELECT id, coalesce(operator_id, ''), person, coalesce(istat, ''), coalesce(zone, '')
FROM carico_open_cases([$at::DATE])
ORDER BY id
