-- The cartelle opened in each month from $first to $last (first days of
-- months), for the Ambito (total) and by area.
WITH months AS (SELECT CAST(m AS DATE) AS m FROM generate_series($first::DATE, $last::DATE, INTERVAL 1 MONTH) t(m))
SELECT months.m, coalesce(c.area, ''), grouping(c.area) = 1, count(c.id)
FROM months LEFT JOIN cases c ON date_trunc('month', c.opened) = months.m
GROUP BY GROUPING SETS ((months.m), (months.m, c.area))
ORDER BY 1
