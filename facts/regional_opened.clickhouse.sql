-- Regional aggregate: the cartelle opened in each month (yyyymm) of the
-- period $from–$to (ClickHouse 18).
SELECT (toYear(opened) * 100 + toMonth(opened)) AS k_month, CAST(count(*) AS Int64) AS k_n
FROM cases WHERE opened >= $from AND opened <= $to GROUP BY k_month
