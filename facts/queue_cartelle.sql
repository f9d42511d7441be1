-- The cartelle open at $at (store/rules.sql, carico_open_cases) that have
-- no holder in service: no holder that day and none ever ("mai_assegnata",
-- waiting since its opening); no holder that day after one whose
-- assignment ended, or a holder off the roster or out of service
-- (carico_in_service) ("titolare_cessato", waiting since the day after the
-- assignment or the contract ended); a holder in service with no diario
-- entry of any kind in the last $absent_days days ("titolare_assente",
-- waiting since the day after her last entry, or since she holds it).
WITH open AS (SELECT * FROM carico_open_cases([$at::DATE])),
spans AS (SELECT * FROM carico_holder_spans()),
ended AS (
    SELECT case_id, max(until) AS until FROM spans WHERE until < $at::DATE GROUP BY case_id
),
current AS (
    SELECT case_id, from_date FROM spans WHERE $at::DATE BETWEEN from_date AND until
),
last_entry AS (
    SELECT operator_id, max(day) AS last_day FROM activity WHERE day <= $at::DATE GROUP BY operator_id
),
classified AS (
    SELECT o.id, o.area, o.complexity, o.istat, o.opened, o.operator_id,
        CASE
            WHEN o.operator_id IS NULL AND e.until IS NULL THEN 'mai_assegnata'
            WHEN o.operator_id IS NULL THEN 'titolare_cessato'
            WHEN p.id IS NULL OR NOT carico_in_service(p.start_date, p.end_date, $at::DATE) THEN 'titolare_cessato'
            WHEN l.last_day IS NULL OR $at::DATE - l.last_day > $absent_days THEN 'titolare_assente'
        END AS kind,
        CASE
            WHEN o.operator_id IS NULL AND e.until IS NULL THEN o.opened
            WHEN o.operator_id IS NULL THEN CAST(e.until + 1 AS DATE)
            WHEN p.id IS NULL OR NOT carico_in_service(p.start_date, p.end_date, $at::DATE)
                THEN coalesce(CAST(p.end_date + 1 AS DATE), cur.from_date)
            ELSE greatest(coalesce(CAST(l.last_day + 1 AS DATE), cur.from_date), cur.from_date)
        END AS since
    FROM open o
    LEFT JOIN ended e ON e.case_id = o.id
    LEFT JOIN current cur ON cur.case_id = o.id
    LEFT JOIN operator p ON p.id = o.operator_id
    LEFT JOIN last_entry l ON l.operator_id = o.operator_id
)
SELECT id, kind, since, opened, coalesce(area, ''), coalesce(complexity, 0), coalesce(istat, ''), coalesce(operator_id, '')
FROM classified
WHERE kind IS NOT NULL
ORDER BY id
