-- Regional aggregate: the cartelle closed in each month (yyyymm) of the
-- period $from–$to (ClickHouse 18).
SELECT (toYear(closed) * 100 + toMonth(closed)) AS k_month, CAST(count(*) AS Int64) AS k_n
FROM cases WHERE closed >= $from AND closed <= $to GROUP BY k_month
