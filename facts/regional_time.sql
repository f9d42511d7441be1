-- Regional aggregate: documented time by operator, month (yyyymm) and kind
-- in the period $from–$to. DuckDB text; ClickHouse's is beside it. A
-- carico database is one Ambito ('').
SELECT '' AS k_ambito, operator_id AS k_operator, (year(day) * 100 + month(day)) AS k_month, kind AS k_kind,
    CAST(sum(minutes) AS BIGINT) AS k_minutes, CAST(count(*) AS BIGINT) AS k_entries
FROM activity WHERE day >= $from AND day <= $to
GROUP BY k_ambito, k_operator, k_month, k_kind
