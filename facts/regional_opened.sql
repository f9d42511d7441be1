-- Regional aggregate: the cartelle opened in each month (yyyymm) of the
-- period $from–$to.
SELECT (year(opened) * 100 + month(opened)) AS k_month, CAST(count(*) AS BIGINT) AS k_n
FROM cases WHERE opened >= $from AND opened <= $to GROUP BY k_month
