-- Regional aggregate: the cartelle closed in each month (yyyymm) of the
-- period $from–$to.
SELECT (year(closed) * 100 + month(closed)) AS k_month, CAST(count(*) AS BIGINT) AS k_n
FROM cases WHERE closed >= $from AND closed <= $to GROUP BY k_month
