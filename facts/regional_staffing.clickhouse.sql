-- Regional aggregate: each comune's residents for year $year and the FTE
-- of the social workers in service at $at through their allocation
-- shares, all and permanent; FTE = weekly hours ÷ $full_time. The rules
-- carico_residents and carico_in_service of store/rules.sql spelled out
-- (ClickHouse 18: no macros, no window functions, one JOIN per SELECT).
-- Each service numbers its own staff: an operator is its id within its
-- Ambito, as DuckDB's reading of a collection qualifies it.
SELECT k_istat, k_ambito, k_res, coalesce(k_fte, 0) AS k_fte, coalesce(k_perm, 0) AS k_perm
FROM (
    SELECT c.istat AS k_istat, coalesce(c.ambito, '') AS k_ambito, coalesce(r.k_residents, 0) AS k_res
    FROM comune c
    LEFT JOIN (SELECT istat AS r_istat, argMax(residents, CASE WHEN year <= $year THEN 10000 ELSE 0 END - abs(year - $year)) AS k_residents
               FROM residents GROUP BY r_istat) r ON r.r_istat = c.istat
) cr
LEFT JOIN (
    SELECT a.istat AS s_istat, sum(o.weekly_hours / $full_time * a.share) AS k_fte,
        sum(CASE WHEN o.contract = 'indeterminato' THEN o.weekly_hours / $full_time * a.share ELSE 0 END) AS k_perm
    FROM allocation a JOIN operator o ON o.id = a.operator_id AND o.ambito = a.ambito
    WHERE o.role = 'assistente_sociale' AND ((o.start_date IS NULL OR o.start_date <= $at) AND (o.end_date IS NULL OR o.end_date >= $at))
    GROUP BY s_istat
) s ON s.s_istat = cr.k_istat
