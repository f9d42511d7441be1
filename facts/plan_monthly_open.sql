-- The cartelle open at the end of the last day of each month from $first
-- to $last (store/rules.sql, carico_open_on), for the Ambito (total) and
-- by area.
WITH months AS (SELECT CAST(m AS DATE) AS m, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS d
                FROM generate_series($first::DATE, $last::DATE, INTERVAL 1 MONTH) t(m))
SELECT months.m, coalesce(c.area, ''), grouping(c.area) = 1, count(c.id)
FROM months LEFT JOIN cases c ON carico_open_on(c.opened, c.closed, months.d)
GROUP BY GROUPING SETS ((months.m), (months.m, c.area))
ORDER BY 1
