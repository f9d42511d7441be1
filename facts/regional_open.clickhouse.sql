-- Regional aggregate: the cartelle open at $at by comune and area. The
-- rule carico_open_on of store/rules.sql spelled out: ClickHouse has no
-- macros, and the cluster test checks both texts give the same rows.
SELECT coalesce(istat, '') AS k_istat, coalesce(area, '') AS k_area, CAST(count(*) AS Int64) AS k_n
FROM cases WHERE (opened <= $at AND (closed IS NULL OR closed > $at))
GROUP BY k_istat, k_area
