-- The reference for TestOpenCountsOneRule: open_counts.sql as it was before
-- it counted from events, one join of the cartelle per reference day
-- (store/rules.sql, carico_open_cases).
SELECT day, coalesce(operator_id, ''), CASE WHEN day = $at::DATE THEN coalesce(istat, '') ELSE '' END AS istat,
    coalesce(area, ''), coalesce(complexity, 0), count(*)
FROM carico_open_cases(string_split($days, ',')::DATE[])
GROUP BY ALL
ORDER BY ALL
