-- Regional aggregate: each comune's residents for year $year
-- (carico_residents) and the FTE of the social workers in service at $at
-- (carico_in_service) through their allocation shares, all and permanent;
-- FTE = weekly hours ÷ $full_time. One JOIN per SELECT, as ClickHouse 18
-- needs in the text beside.
SELECT k_istat, k_ambito, k_res, coalesce(k_fte, 0) AS k_fte, coalesce(k_perm, 0) AS k_perm
FROM (
    SELECT c.istat AS k_istat, coalesce(c.ambito, '') AS k_ambito, coalesce(r.k_residents, 0) AS k_res
    FROM comune c
    LEFT JOIN (SELECT istat AS r_istat, residents AS k_residents FROM carico_residents($year)) r ON r.r_istat = c.istat
) cr
LEFT JOIN (
    SELECT a.istat AS s_istat, sum(o.weekly_hours / $full_time * a.share) AS k_fte,
        sum(CASE WHEN o.contract = 'indeterminato' THEN o.weekly_hours / $full_time * a.share ELSE 0 END) AS k_perm
    FROM allocation a JOIN operator o ON o.id = a.operator_id
    WHERE o.role = 'assistente_sociale' AND carico_in_service(o.start_date, o.end_date, $at)
    GROUP BY s_istat
) s ON s.s_istat = cr.k_istat
