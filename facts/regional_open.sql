-- Regional aggregate: the cartelle open at $at by comune and area
-- (store/rules.sql, carico_open_on).
SELECT coalesce(istat, '') AS k_istat, coalesce(area, '') AS k_area, CAST(count(*) AS BIGINT) AS k_n
FROM cases WHERE carico_open_on(opened, closed, $at)
GROUP BY k_istat, k_area
