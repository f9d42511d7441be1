-- Regional aggregate: documented time by Ambito, operator, month (yyyymm)
-- and kind in the period $from–$to (ClickHouse 18; DuckDB's text beside).
SELECT ambito AS k_ambito, operator_id AS k_operator, (toYear(day) * 100 + toMonth(day)) AS k_month, kind AS k_kind,
    CAST(sum(minutes) AS Int64) AS k_minutes, CAST(count(*) AS Int64) AS k_entries
FROM activity WHERE day >= $from AND day <= $to
GROUP BY k_ambito, k_operator, k_month, k_kind
