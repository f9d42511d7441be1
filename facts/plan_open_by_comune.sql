-- The cartelle open at $at by comune, area and complexity
-- (store/rules.sql, carico_open_cases); those without a comune left out.
SELECT istat, coalesce(area, ''), coalesce(complexity, 0), count(*)
FROM carico_open_cases([$at::DATE])
WHERE istat IS NOT NULL
GROUP BY ALL
ORDER BY ALL
