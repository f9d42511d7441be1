-- The diario of the period $from–$to scanned once and grouped two ways: by
-- operator and by comune, each by month and kind, with the minutes of the
-- rows whose duration is a profile's standard one (estimated). The month
-- is grouped as a date and written yyyy-mm once per group.
SELECT grouping(istat) = 1 AS by_operator, coalesce(operator_id, istat, ''),
    strftime(month, '%Y-%m') AS month, kind, sum(minutes)::BIGINT, count(*),
    coalesce(sum(minutes) FILTER (WHERE estimated), 0)::BIGINT
FROM (
    SELECT operator_id, istat, date_trunc('month', day) AS month, kind, minutes, estimated FROM activity
    WHERE day BETWEEN $from::DATE AND $to::DATE
)
GROUP BY GROUPING SETS ((operator_id, month, kind), (istat, month, kind))
ORDER BY ALL
