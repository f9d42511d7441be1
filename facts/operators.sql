-- The roster, with whether each operator is in service at $at
-- (store/rules.sql, carico_in_service).
SELECT id, name, role, weekly_hours, contract, start_date, end_date,
    carico_in_service(start_date, end_date, $at::DATE)
FROM operator
ORDER BY id
