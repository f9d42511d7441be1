-- The open cartelle at each reference day ($days: comma-separated ISO dates,
-- $at among them) by holder, area and complexity; by comune too, but only at
-- the reference date $at (the monthly series do not need it, and it would
-- multiply the rows). Open and holder: store/rules.sql, carico_open_cases;
-- the other days are counted by carico_open_counts, its count without a row
-- per cartella and day.
SELECT day, operator_id, '' AS istat, area, complexity, n
FROM carico_open_counts(list_filter(string_split($days, ',')::DATE[], d -> d <> $at::DATE))
UNION ALL
SELECT day, coalesce(operator_id, ''), coalesce(istat, ''), coalesce(area, ''), coalesce(complexity, 0), count(*)
FROM carico_open_cases([$at::DATE])
GROUP BY ALL
ORDER BY ALL
