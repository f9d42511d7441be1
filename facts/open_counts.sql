-- The open cartelle at each reference day ($days: comma-separated ISO dates)
-- by holder, area and complexity; by comune too, but only at the reference
-- date $at (the monthly series do not need it, and it would multiply the
-- rows). Open and holder: store/rules.sql, carico_open_cases.
SELECT day, coalesce(operator_id, ''), CASE WHEN day = $at::DATE THEN coalesce(istat, '') ELSE '' END AS istat,
    coalesce(area, ''), coalesce(complexity, 0), count(*)
FROM carico_open_cases(string_split($days, ',')::DATE[])
GROUP BY ALL
ORDER BY ALL
